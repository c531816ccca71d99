import { useEffect, useMemo, useState } from 'react';
import './hooks.css';
import { FILE_EVENTS, HOOK_EVENTS, TOOL_EVENTS, type HookEvent } from '../../../specs-schema';
import { getServices } from '../app/services';
import { useDialog } from '../state/dialog';
import { notifyError } from '../state/notifications';
import { useTabs } from '../state/tabs';
import { Icon } from '../workbench/icons';
import { readHookForm, setHookAction, setHookEvent, setHookField, splitPatterns, type FormRead } from './hookForm';
import { loadHookEditor, saveHookTab, useHookEditors } from './hookEditorStore';
import { PlayIcon } from './HookIcons';
import { TerminalChoice } from './TerminalChoice';
import { useHooks } from './hooksStore';
import { EVENT_LABELS, hookFileOf, isNewHookTab } from './hookTab';

const TOOL_CATEGORIES = ['read', 'write', 'shell', 'web', 'spec', '*'];

/** The hook form (when / then) with inline schema errors, and the raw JSON one toggle away; both edit one text. */
export default function HookEditor({ tab }: { tab: string }) {
  const editor = useHookEditors((s) => s.editors[tab]);
  useEffect(() => void loadHookEditor(tab), [tab]);
  // Another program (or git) changed the file: reload, or flag it when there are unsaved edits here.
  useEffect(() => {
    if (isNewHookTab(tab)) return;
    const file = hookFileOf(tab);
    return getServices().client.on('workspace/changed', ({ changes }) => {
      if (changes.some((c) => c.path === file && c.type !== 'deleted')) void loadHookEditor(tab);
    });
  }, [tab]);
  const text = editor?.text;
  const form = useMemo(() => (text !== undefined ? readHookForm(text) : null), [text]);
  if (!editor || !form) return <div className="hook-editor" />;
  if (editor.loading) return <div className="hook-editor hooks-empty">Loading…</div>;
  const setText = (text: string) => useHookEditors.getState().patch(tab, { text });
  const dirty = editor.text !== editor.saved;
  return (
    <div className="hook-editor" data-testid="hook-editor">
      <Header tab={tab} form={form} dirty={dirty} view={editor.view} />
      {editor.error && (
        <div className="hooks-problem" role="alert" data-testid="hook-save-error">
          <Icon name="error" size={14} />
          <span>{editor.error}</span>
        </div>
      )}
      {editor.changedOnDisk && (
        <div className="hooks-blocked">
          <Icon name="warning" size={14} />
          <span>
            The file changed on disk while you were editing.{' '}
            <button className="link-button" onClick={() => void loadHookEditor(tab, true)}>
              Load the version on disk
            </button>{' '}
            (drops your edits) or save to overwrite it.
          </span>
        </div>
      )}
      {editor.view === 'json' || form.blocking ? (
        <RawView text={editor.text} form={form} onChange={setText} />
      ) : (
        <HookFormView text={editor.text} form={form} onChange={setText} hookId={isNewHookTab(tab) ? null : hookFileOf(tab)} />
      )}
    </div>
  );
}

function Header({ tab, form, dirty, view }: { tab: string; form: FormRead; dirty: boolean; view: 'form' | 'json' }) {
  const isNew = isNewHookTab(tab);
  const hook = useHooks((s) => s.hooks?.hooks.find((h) => h.id === hookFileOf(tab)));
  const canRun = !isNew && !dirty && hook?.event === 'userTriggered' && hook.status === 'ready';
  const setView = (v: 'form' | 'json') => useHookEditors.getState().patch(tab, { view: v });
  const remove = async () => {
    const answer = await useDialog.getState().ask({
      title: `Delete the hook "${form.fields.name || hookFileOf(tab)}"?`,
      detail: `${hookFileOf(tab)} is deleted from disk.`,
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'delete', label: 'Delete', primary: true, danger: true },
      ],
    });
    if (answer !== 'delete') return;
    try {
      await getServices().client.request('hooks/delete', { id: hookFileOf(tab) });
      useHookEditors.getState().patch(tab, { saved: useHookEditors.getState().editors[tab]?.text ?? '' });
      useTabs.getState().close(tab);
    } catch (err) {
      notifyError('Could not delete the hook', err);
    }
  };
  return (
    <div className="hook-editor-header">
      <div className="hook-editor-title">
        <span className="hook-editor-name">{form.fields.name || (isNew ? 'New hook' : hookFileOf(tab))}</span>
        <span className="hooks-muted">{isNew ? 'not saved yet' : hookFileOf(tab)}</span>
      </div>
      <div className="segmented" role="tablist" aria-label="View">
        <button role="tab" aria-selected={view === 'form'} className={view === 'form' ? 'active' : ''} data-testid="hook-view-form" onClick={() => setView('form')}>
          Form
        </button>
        <button role="tab" aria-selected={view === 'json'} className={view === 'json' ? 'active' : ''} data-testid="hook-view-json" onClick={() => setView('json')}>
          JSON
        </button>
      </div>
      {canRun && (
        <button className="button secondary" data-testid="hook-editor-run" onClick={() => void getServices().client.request('hooks/run', { id: hookFileOf(tab) }).catch((err) => notifyError('Could not run the hook', err))}>
          <PlayIcon size={12} /> Run
        </button>
      )}
      {!isNew && (
        <button className="button secondary" data-testid="hook-delete" onClick={() => void remove()}>
          Delete
        </button>
      )}
      <button className="button primary" disabled={!dirty && !isNew} data-testid="hook-save" onClick={() => void saveHookTab(tab)}>
        {isNew ? 'Create Hook' : 'Save'}
      </button>
    </div>
  );
}

function FieldError({ form, field }: { form: FormRead; field: string }) {
  const message = form.errors[field];
  return message ? (
    <div className="field-hint error" data-testid={`error-${field}`}>
      {message}
    </div>
  ) : null;
}

function HookFormView({ text, form, onChange, hookId }: { text: string; form: FormRead; onChange: (text: string) => void; hookId: string | null }) {
  const f = form.fields;
  const set = (path: (string | number)[], value: unknown) => onChange(setHookField(text, path, value));
  const isFileEvent = FILE_EVENTS.includes(f.event as HookEvent);
  const isToolEvent = TOOL_EVENTS.includes(f.event as HookEvent);
  return (
    <div className="hook-form">
      {[...form.otherErrors, ...form.warnings].map((m) => (
        <div key={m} className="hooks-blocked">
          <Icon name="warning" size={14} />
          <span>{m}</span>
        </div>
      ))}
      <label className="field">
        Name
        <input value={f.name} data-testid="hook-name" placeholder="Lint on save" onChange={(e) => set(['name'], e.target.value)} />
        <FieldError form={form} field="name" />
      </label>
      <label className="field">
        Description
        <input value={f.description} data-testid="hook-description" placeholder="What the hook does, for your team" onChange={(e) => set(['description'], e.target.value)} />
      </label>
      <label className="hook-check">
        <input type="checkbox" checked={f.enabled} data-testid="hook-enabled" onChange={(e) => set(['enabled'], e.target.checked)} /> Enabled
      </label>

      <fieldset className="hook-group">
        <legend>When</legend>
        <label className="field">
          Event
          <select value={f.event} data-testid="hook-event" onChange={(e) => onChange(setHookEvent(text, e.target.value as HookEvent))}>
            {!HOOK_EVENTS.includes(f.event as HookEvent) && <option value={f.event}>{f.event || '(choose an event)'}</option>}
            {HOOK_EVENTS.map((e) => (
              <option key={e} value={e}>
                {EVENT_LABELS[e] ?? e} ({e})
              </option>
            ))}
          </select>
          <FieldError form={form} field="when.type" />
        </label>
        {isFileEvent && <PatternsField patterns={f.patterns} error={form.errors['when.patterns']} onChange={(p) => set(['when', 'patterns'], p)} />}
        {isToolEvent && <ToolTypesField toolTypes={f.toolTypes} error={form.errors['when.toolTypes']} onChange={(t) => set(['when', 'toolTypes'], t)} />}
      </fieldset>

      <fieldset className="hook-group">
        <legend>Then</legend>
        <div className="choice" role="radiogroup" aria-label="Action">
          <label>
            <input type="radio" name="hook-action" checked={f.action === 'runCommand'} data-testid="hook-action-command" onChange={() => onChange(setHookAction(text, 'runCommand'))} /> Run a command
          </label>
          <label>
            <input type="radio" name="hook-action" checked={f.action === 'askAgent'} data-testid="hook-action-agent" onChange={() => onChange(setHookAction(text, 'askAgent'))} /> Ask the agent
          </label>
        </div>
        {f.action === 'runCommand' ? (
          <div className="hook-command-row">
            <label className="field grow">
              Command
              <input className="mono" value={f.command} data-testid="hook-command" placeholder="npm run lint" spellCheck={false} onChange={(e) => set(['then', 'command'], e.target.value)} />
              <FieldError form={form} field="then.command" />
            </label>
            <label className="field timeout">
              Timeout (s)
              <input
                type="number"
                min={1}
                value={f.timeout ?? ''}
                placeholder="60"
                data-testid="hook-timeout"
                onChange={(e) => set(['then', 'timeout'], e.target.value === '' ? undefined : Number(e.target.value))}
              />
              <FieldError form={form} field="then.timeout" />
            </label>
          </div>
        ) : (
          <label className="field">
            Prompt
            <textarea rows={5} value={f.prompt} data-testid="hook-prompt" placeholder="Review the changed files for…" onChange={(e) => set(['then', 'prompt'], e.target.value)} />
            <FieldError form={form} field="then.prompt" />
          </label>
        )}
        <div className="field-hint">
          {f.action === 'runCommand'
            ? 'Runs in the workspace folder with KEEL_HOOK_EVENT and KEEL_CHANGED_FILES (one path per line) set; output goes to the run log.'
            : 'Starts an agent turn with this prompt and what triggered it (files, tool, task).'}
        </div>
        {f.action === 'runCommand' && <TerminalChoice hookId={hookId} />}
      </fieldset>
    </div>
  );
}

function PatternsField({ patterns, error, onChange }: { patterns: string[]; error?: string; onChange: (patterns: string[]) => void }) {
  // The textarea keeps what is typed (a trailing newline, a half-written glob); the file gets the parsed list.
  const [draft, setDraft] = useState(patterns.join('\n'));
  useEffect(() => {
    if (splitPatterns(draft).join('\n') !== patterns.join('\n')) setDraft(patterns.join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of the patterns resets the draft
  }, [patterns.join('\n')]);
  const preview = useMatchPreview(patterns);
  return (
    <div className="hook-patterns">
      <label className="field">
        <span>
          File patterns (one per line; <code>!</code> excludes)
        </span>
        <textarea
          className="mono"
          rows={Math.max(2, Math.min(6, draft.split('\n').length + 1))}
          value={draft}
          spellCheck={false}
          data-testid="hook-patterns"
          placeholder="src/**/*.ts"
          onChange={(e) => {
            setDraft(e.target.value);
            onChange(splitPatterns(e.target.value));
          }}
        />
        {error && <div className="field-hint error" data-testid="error-when.patterns">{error}</div>}
      </label>
      <div className="pattern-preview" data-testid="pattern-preview" aria-live="polite">
        <div className="pattern-preview-head">
          {preview === null ? 'Matching…' : preview.total === 0 ? 'No file in the workspace matches yet' : `${preview.total} ${preview.total === 1 ? 'file matches' : 'files match'}`}
        </div>
        {preview && preview.files.length > 0 && (
          <ul>
            {preview.files.map((f) => (
              <li key={f} data-testid="pattern-match">
                {f}
              </li>
            ))}
            {preview.total > preview.files.length && <li className="hooks-muted">… and {preview.total - preview.files.length} more</li>}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Workspace files the patterns select, asked of the host (the engine's own matcher) a moment after typing stops. */
function useMatchPreview(patterns: string[]): { files: string[]; total: number } | null {
  const [result, setResult] = useState<{ files: string[]; total: number } | null>(null);
  const key = patterns.join('\n');
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      getServices()
        .client.request('hooks/matchFiles', { patterns, limit: 50 })
        .then((r) => live && setResult(r))
        .catch(() => live && setResult({ files: [], total: 0 }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the patterns' content
  }, [key]);
  return result;
}

function ToolTypesField({ toolTypes, error, onChange }: { toolTypes: string[]; error?: string; onChange: (t: string[]) => void }) {
  const custom = toolTypes.filter((t) => !TOOL_CATEGORIES.includes(t));
  const [draft, setDraft] = useState(custom.join(', '));
  const toggle = (c: string, on: boolean) => onChange(on ? [...toolTypes, c] : toolTypes.filter((t) => t !== c));
  return (
    <div className="field">
      Tool types
      <div className="choice">
        {TOOL_CATEGORIES.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={toolTypes.includes(c)} data-testid={`hook-tool-${c}`} onChange={(e) => toggle(c, e.target.checked)} /> {c === '*' ? 'any tool' : c}
          </label>
        ))}
      </div>
      <input
        className="mono"
        value={draft}
        placeholder="Tool names or regular expressions, comma-separated (e.g. .*git_commit.*)"
        spellCheck={false}
        data-testid="hook-tool-custom"
        onChange={(e) => {
          setDraft(e.target.value);
          onChange([...toolTypes.filter((t) => TOOL_CATEGORIES.includes(t)), ...splitPatterns(e.target.value)]);
        }}
      />
      {error && <div className="field-hint error">{error}</div>}
    </div>
  );
}

function RawView({ text, form, onChange }: { text: string; form: FormRead; onChange: (text: string) => void }) {
  const problems = [form.blocking, ...Object.entries(form.errors).map(([k, v]) => `${k}: ${v}`), ...form.otherErrors].filter((m): m is string => !!m);
  return (
    <div className="hook-raw">
      {problems.length > 0 && (
        <div className="hooks-problem" role="alert" data-testid="hook-json-errors">
          <Icon name="error" size={14} />
          <div>
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </div>
        </div>
      )}
      <textarea className="hook-json mono" value={text} spellCheck={false} data-testid="hook-json" aria-label="Hook JSON" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
