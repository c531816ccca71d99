import { useState } from 'react';
import type { SteeringFileInfo } from '../../../protocol';
import { useDocuments } from '../state/documents';
import { PatternTester } from './PatternTester';
import { canOpen, openSteeringFile, saveInclusion } from './steeringActions';
import { INCLUSIONS, draftChanged, draftFrom, draftProblem, frontMatterError, parsePatterns, type InclusionDraft } from './steeringModel';

/**
 * The selected file's inclusion. Nothing is written until Save, and only the front matter lines that change; a
 * file whose front matter does not parse, or that has unsaved edits in an editor, is not written at all.
 */
export function InclusionEditor({ file }: { file: SteeringFileInfo }) {
  const [draft, setDraft] = useState<InclusionDraft>(() => draftFrom(file));
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const dirtyInEditor = useDocuments((s) => file.source !== 'user' && !!s.docs[file.path]?.dirty);
  const broken = frontMatterError(file);
  const update = (patch: Partial<InclusionDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaveError(null);
  };

  if (file.source === 'agents') {
    return (
      <div className="steering-editor" data-testid="steering-editor">
        <p className="steering-note">AGENTS.md is always included in every prompt; it has no inclusion settings.</p>
        <OpenButton file={file} />
      </div>
    );
  }
  if (broken) {
    return (
      <div className="steering-editor" data-testid="steering-editor">
        <div className="steering-error" role="alert" data-testid="steering-frontmatter-error">
          <strong>The front matter cannot be read</strong> (line {broken.line}): {broken.message}
          <div className="steering-error-help">Keel will not rewrite this file until it is fixed; its text is unchanged. Until then it is included as if it were “always”.</div>
        </div>
        <OpenButton file={file} label="Open to fix" />
      </div>
    );
  }

  const problem = draftProblem(draft);
  const changed = draftChanged(draft, file);
  const patterns = parsePatterns(draft.patterns);
  const save = async () => {
    if (problem || busy || dirtyInEditor) return;
    setBusy(true);
    setSaveError(await saveInclusion(file, draft));
    setBusy(false);
  };
  return (
    <form
      className="steering-editor"
      data-testid="steering-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {file.unknownInclusion !== undefined && (
        <div className="steering-warning">
          inclusion “{file.unknownInclusion}” is not one Kiro knows, so it is treated as always. Pick one below to fix it.
        </div>
      )}
      <fieldset className="steering-inclusions">
        <legend>Include this file</legend>
        {INCLUSIONS.map((opt) => (
          <label key={opt.value} className={draft.inclusion === opt.value ? 'on' : ''}>
            <input type="radio" name={`inclusion-${file.source}-${file.path}`} value={opt.value} checked={draft.inclusion === opt.value} onChange={() => update({ inclusion: opt.value })} />
            <span className="steering-option-label">{opt.label}</span>
            <span className="steering-option-hint">{opt.value === 'manual' ? `Only when you write #${file.name} in the chat.` : opt.hint}</span>
          </label>
        ))}
      </fieldset>
      {draft.inclusion === 'fileMatch' && (
        <>
          <label className="steering-field">
            <span>Patterns</span>
            <textarea
              rows={Math.min(6, Math.max(2, patterns.length + 1))}
              value={draft.patterns}
              onChange={(e) => update({ patterns: e.target.value })}
              placeholder={'src/**/*.ts\n*.py'}
              spellCheck={false}
              aria-label="File match patterns"
              data-testid="steering-patterns"
            />
          </label>
          <div className="steering-hint">One per line. With a “/” a pattern matches the path from the workspace root; without, the file name in any folder. Start with ! to exclude.</div>
          <PatternTester patterns={patterns} />
        </>
      )}
      {draft.inclusion === 'auto' && (
        <>
          <label className="steering-field">
            <span>Name</span>
            <input value={draft.name} onChange={(e) => update({ name: e.target.value })} placeholder={file.name} aria-label="Name" data-testid="steering-name" />
          </label>
          <label className="steering-field">
            <span>Description</span>
            <textarea rows={3} value={draft.description} onChange={(e) => update({ description: e.target.value })} placeholder="e.g. REST API conventions: endpoint naming, pagination, error responses" aria-label="Description" data-testid="steering-description" />
          </label>
          <div className="steering-hint">Included when a prompt mentions the name or shares two key words with the description.</div>
        </>
      )}
      {changed && problem && <div className="steering-hint error">{problem}</div>}
      {dirtyInEditor && <div className="steering-hint error">This file has unsaved changes in the editor. Save or revert them first, so neither edit is lost.</div>}
      {saveError && (
        <div className="steering-hint error" role="alert">
          {saveError}
        </div>
      )}
      <div className="steering-buttons">
        <button type="submit" className="button primary" disabled={!changed || !!problem || busy || dirtyInEditor} data-testid="steering-save">
          Save
        </button>
        {changed && (
          <button type="button" className="button secondary" onClick={() => setDraft(draftFrom(file))}>
            Revert
          </button>
        )}
        <OpenButton file={file} />
      </div>
    </form>
  );
}

function OpenButton({ file, label = 'Open' }: { file: SteeringFileInfo; label?: string }) {
  if (!canOpen(file)) return <span className="steering-hint">Lives in {file.displayPath.replace(/\/[^/]*$/, '')}, outside the workspace.</span>;
  return (
    <button type="button" className="button secondary" onClick={() => openSteeringFile(file)}>
      {label}
    </button>
  );
}
