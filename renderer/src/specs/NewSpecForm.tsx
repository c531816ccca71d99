import { useState } from 'react';
import type { SpecSummary } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { applyState } from '../specwriter/specWriterStore';
import { toKebabCase } from './naming';
import { createSpecFromUi, openSpec } from './specActions';
import { useSpecs } from './specsStore';

/**
 * New Spec: a name, the type, where to start and — the point of it — what the feature or bug is. With a
 * description the planner writes the first document at once (streamed into the spec editor); without one the
 * spec starts from Keel's empty templates, as before. `promptRequired` (the palette's "New Spec from Prompt…")
 * makes the description the required field.
 */
export function NewSpecForm({ existing, onDone, promptRequired = false }: { existing: SpecSummary[]; onDone: () => void; promptRequired?: boolean }) {
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [type, setType] = useState<SpecSummary['type']>('feature');
  const [workflow, setWorkflow] = useState<SpecSummary['workflow']>('requirements-first');
  const [busy, setBusy] = useState(false);
  const folder = toKebabCase(name);
  const taken = existing.some((s) => s.name === folder);
  const problem = !name.trim() ? null : !folder ? 'Use at least one letter or digit.' : taken ? `A spec named ${folder} already exists.` : null;
  const described = prompt.trim() !== '';
  const ready = !!folder && !problem && !busy && (described || !promptRequired);
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    const ok = described ? await startWithPlanner(folder, type, type === 'bugfix' ? 'requirements-first' : workflow, prompt) : await createSpecFromUi(folder, type, workflow);
    setBusy(false);
    if (ok) onDone();
  };
  const order = type === 'bugfix' ? 'bug analysis → design → tasks' : workflow === 'design-first' ? 'design → requirements → tasks' : 'requirements → design → tasks';
  return (
    <form
      className="new-spec new-spec-prompt"
      data-testid="new-spec-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
      }}
    >
      <label className="field">
        <span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Dark mode toggle" aria-label="Spec name" />
      </label>
      <div className={`field-hint${problem ? ' error' : ''}`}>{problem ?? (folder ? `.kiro/specs/${folder}` : 'The folder name is made from it (kebab-case).')}</div>
      <fieldset className="choice">
        <legend>Type</legend>
        <label>
          <input type="radio" name="spec-type" checked={type === 'feature'} onChange={() => setType('feature')} /> Feature
        </label>
        <label>
          <input type="radio" name="spec-type" checked={type === 'bugfix'} onChange={() => setType('bugfix')} /> Bugfix
        </label>
      </fieldset>
      {type === 'feature' && (
        <fieldset className="choice">
          <legend>Start with</legend>
          <label>
            <input type="radio" name="spec-workflow" checked={workflow === 'requirements-first'} onChange={() => setWorkflow('requirements-first')} /> Requirements
          </label>
          <label>
            <input type="radio" name="spec-workflow" checked={workflow === 'design-first'} onChange={() => setWorkflow('design-first')} /> Design
          </label>
        </fieldset>
      )}
      <label className="field">
        <span>{type === 'bugfix' ? 'Describe the bug' : 'Describe the feature'}{promptRequired ? '' : ' (optional)'}</span>
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          aria-label={type === 'bugfix' ? 'Describe the bug' : 'Describe the feature'}
          data-testid="new-spec-prompt"
          placeholder={type === 'bugfix' ? 'What goes wrong, where, and what should happen instead' : 'What it does, for whom, and why'}
        />
      </label>
      <div className="field-hint">
        {described ? `The planner writes the ${order}; you approve or refine each one.` : promptRequired ? 'The planner writes the spec from this description.' : 'Leave it empty to start from empty templates.'}
      </div>
      <div className="form-buttons">
        <button type="submit" className="button primary" disabled={!ready} data-testid="new-spec-create">
          {described ? 'Write Spec' : 'Create'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

async function startWithPlanner(name: string, type: SpecSummary['type'], workflow: SpecSummary['workflow'], prompt: string): Promise<boolean> {
  const { client, documents } = getServices();
  try {
    const state = await client.request('specwriter/start', { name, type, workflow, prompt });
    applyState(state);
    const first = state.phases[0]!;
    const files: SpecSummary['files'] = { config: `${state.dir}/.config.kiro`, [first.kind]: first.path };
    const spec: SpecSummary = { name, dir: state.dir, type, workflow, files, tasks: { done: 0, total: 0 } };
    // Shown at once; the watcher's event brings the authoritative list shortly after.
    useSpecs.getState().set({ specs: [...useSpecs.getState().specs.filter((s) => s.dir !== spec.dir), spec].sort((a, b) => (a.dir < b.dir ? -1 : 1)) });
    openSpec(spec, first.kind === 'design' ? 'design' : 'requirements');
    void documents.openFile(first.path);
    return true;
  } catch (err) {
    notifyError(`Could not start the spec ${name}`, err);
    return false;
  }
}
