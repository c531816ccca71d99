import { useEffect, useMemo, useState } from 'react';
import {
  addCriterion,
  addRequirement,
  lintEars,
  parseBugfix,
  parseDesign,
  parseRequirements,
  parseTasks,
  removeCriterion,
  removeRequirement,
  renumberDesignRefs,
  renumberTaskRefs,
  setCriterionText,
  setRequirementTitle,
  setUserStory,
  type Diagnostic,
  type EarsPattern,
  type EditResult,
  type RequirementEditResult,
  type RequirementsDoc,
} from '../../../specs-schema';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { EditableText } from './EditableText';
import { onLines } from './specDiagnostics';
import { useSpecEditors } from './specEditorStore';
import { editDoc, useDocText } from './useDocText';

const PATTERN_LABEL: Record<EarsPattern, string> = {
  ubiquitous: 'Ubiquitous',
  event: 'Event (WHEN)',
  state: 'State (WHILE)',
  unwanted: 'Unwanted (IF/THEN)',
  optional: 'Optional (WHERE)',
  complex: 'Complex',
  none: 'Not EARS',
};

interface Props {
  tab: string;
  path: string;
  tasksPath?: string;
  designPath?: string;
  readOnly: boolean;
  /** The spec's diagnostics for this file (parse, EARS lint, traceability). */
  diagnostics?: Diagnostic[];
}

/** requirements.md as cards; structural edits renumber and carry the references in tasks.md and design.md along. */
export function RequirementsPane(props: Props) {
  const text = useDocText(props.path);
  if (text === undefined) return <div className="editor-loading" aria-busy="true" />;
  if (props.path.endsWith('bugfix.md')) return <BugfixView text={text} />;
  return <RequirementsCards {...props} text={text} />;
}

/** Keeps `_Requirements:_` refs true after a renumbering: applied to the other documents' own buffers. */
function followRefs(result: RequirementEditResult, tasksPath?: string, designPath?: string) {
  if (result.idMap.size === 0) return;
  const { documents } = getServices();
  if (tasksPath) {
    const t = documents.buffer(tasksPath)?.getText();
    if (t !== undefined) editDoc(tasksPath, t, renumberTaskRefs(parseTasks(t), result.idMap));
  }
  if (designPath) {
    const d = documents.buffer(designPath)?.getText();
    if (d !== undefined) editDoc(designPath, d, renumberDesignRefs(parseDesign(d), result.idMap));
  }
}

function RequirementsCards({ tab, path, tasksPath, designPath, readOnly, text, diagnostics }: Props & { text: string }) {
  const doc = useMemo(() => parseRequirements(text), [text]);
  const lint = useMemo(() => lintEars(doc), [doc]);
  const reveal = useSpecEditors((s) => s.editors[tab]?.reveal);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (!reveal) return;
    const el = document.querySelector(`[data-criterion="${CSS.escape(reveal)}"]`) ?? document.querySelector(`[data-requirement="${CSS.escape(reveal)}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.classList.add('flash');
    const t = setTimeout(() => el?.classList.remove('flash'), 1200);
    useSpecEditors.getState().clearReveal(tab);
    return () => clearTimeout(t);
  }, [reveal, tab]);
  const apply = (result: EditResult | RequirementEditResult) => {
    const refused = result.diagnostics.find((d) => d.severity === 'error');
    if (refused) return notifyError('The requirements were not changed', new Error(refused.message));
    if (editDoc(path, text, result) && 'idMap' in result) followRefs(result, tasksPath, designPath);
  };
  const patterns = new Map(lint.criteria.map((c) => [c.id, c.pattern]));
  const problemsAt = (from: number, to: number) => onLines(diagnostics ?? lint.diagnostics, from, to);
  return (
    <div className="spec-pane requirements-pane" data-testid="requirements-pane">
      <div className="pane-toolbar">
        <span className="pane-summary">
          {doc.requirements.length} requirements · {doc.requirements.reduce((n, r) => n + r.criteria.length, 0)} acceptance criteria
        </span>
        {!readOnly && (
          <button className="button secondary" data-testid="requirement-add" onClick={() => setAdding(true)}>
            Add Requirement
          </button>
        )}
      </div>
      {doc.requirements.length === 0 && !adding && <p className="pane-empty">No requirements yet. Each requirement is a user story with acceptance criteria in EARS form.</p>}
      {doc.requirements.map((req) => (
        <section key={`${req.id}:${req.heading.line}`} className="req-card" data-testid="requirement-card" data-requirement={req.id}>
          <header className="req-head">
            <span className="req-id">Requirement {req.id}</span>
            <EditableText label={`Title of requirement ${req.id}`} value={req.title} placeholder="Title" readOnly={readOnly} onCommit={(v) => apply(setRequirementTitle(doc, req, v))} className="req-title" />
            {!readOnly && (
              <button className="row-action" title="Delete requirement (references in tasks follow)" aria-label={`Delete requirement ${req.id}`} onClick={() => apply(removeRequirement(doc, req))}>
                ✕
              </button>
            )}
          </header>
          <UserStoryView text={req.story?.text} readOnly={readOnly} onCommit={(v) => apply(setUserStory(doc, req, v))} />
          <ol className="criteria">
            {req.criteria.map((c) => {
              const pattern = patterns.get(c.id) ?? 'none';
              return (
                <li key={`${c.id}:${c.line}`} className="criterion" data-testid="criterion" data-criterion={c.id}>
                  <span className="criterion-id">{c.id}</span>
                  <div className="criterion-body">
                    <EditableText label={`Criterion ${c.id}`} value={c.text} multiline readOnly={readOnly} onCommit={(v) => apply(setCriterionText(doc, c, v))} />
                    <Problems list={problemsAt(c.line, c.endLine)} />
                  </div>
                  <span className={`ears ${pattern}`} title="EARS pattern">
                    {PATTERN_LABEL[pattern]}
                  </span>
                  {!readOnly && (
                    <button className="row-action" title="Delete criterion" aria-label={`Delete criterion ${c.id}`} onClick={() => apply(removeCriterion(doc, req, c))}>
                      ✕
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <Problems list={problemsAt(req.heading.line, req.heading.line)} />
          {!readOnly && <AddCriterion onAdd={(v) => apply(addCriterion(doc, req, v))} />}
        </section>
      ))}
      {adding && <NewRequirementForm doc={doc} onAdd={(r) => { setAdding(false); apply(r); }} onCancel={() => setAdding(false)} />}
    </div>
  );
}

function Problems({ list }: { list: Diagnostic[] }) {
  if (list.length === 0) return null;
  return (
    <ul className="problems">
      {list.map((d, i) => (
        <li key={i} className={`problem ${d.severity}`} data-testid="criterion-problem">
          {d.message}
        </li>
      ))}
    </ul>
  );
}

const STORY = /^\s*as an?\s+(.+?),\s*I want(?: to)?\s+(.+?),?\s+so that\s+(.+?)\s*$/i;

/** "As a … I want … so that …" shown as its three parts when it has that shape; edited as one line. */
function UserStoryView({ text, readOnly, onCommit }: { text?: string; readOnly: boolean; onCommit: (v: string) => void }) {
  const [editing, setEditing] = useState(false);
  const m = text ? STORY.exec(text) : null;
  if (editing || !text) {
    return (
      <div className="story">
        <EditableText label="User story" value={text ?? ''} placeholder="As a …, I want …, so that …" readOnly={readOnly} autoFocus={editing} onCommit={(v) => { setEditing(false); if (v.trim()) onCommit(v); }} onBlur={() => setEditing(false)} />
      </div>
    );
  }
  return (
    <div className="story" title={readOnly ? undefined : 'Click to edit the user story'} onClick={() => !readOnly && setEditing(true)}>
      {m ? (
        <dl className="story-parts">
          <dt>As a</dt>
          <dd>{m[1]}</dd>
          <dt>I want</dt>
          <dd>{m[2]}</dd>
          <dt>so that</dt>
          <dd>{m[3]}</dd>
        </dl>
      ) : (
        <p className="story-text">{text}</p>
      )}
    </div>
  );
}

function AddCriterion({ onAdd }: { onAdd: (text: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      className="add-criterion"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        onAdd(value);
        setValue('');
      }}
    >
      <input aria-label="New acceptance criterion" placeholder="Add a criterion: WHEN …, THE system SHALL …" value={value} onChange={(e) => setValue(e.target.value)} />
    </form>
  );
}

function NewRequirementForm({ doc, onAdd, onCancel }: { doc: RequirementsDoc; onAdd: (r: RequirementEditResult) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [story, setStory] = useState('');
  const [criteria, setCriteria] = useState('');
  return (
    <form
      className="req-card new-requirement"
      data-testid="new-requirement-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        const list = criteria.split('\n').map((c) => c.trim()).filter(Boolean);
        onAdd(addRequirement(doc, { title, ...(story.trim() ? { story } : {}), ...(list.length ? { criteria: list } : {}) }));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <label className="field">
        <span>Title</span>
        <input autoFocus aria-label="Requirement title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>User story</span>
        <input aria-label="User story" placeholder="As a …, I want …, so that …" value={story} onChange={(e) => setStory(e.target.value)} />
      </label>
      <label className="field">
        <span>Acceptance criteria (one per line)</span>
        <textarea aria-label="Acceptance criteria" rows={4} placeholder="WHEN …, THE system SHALL …" value={criteria} onChange={(e) => setCriteria(e.target.value)} />
      </label>
      <div className="form-buttons">
        <button type="submit" className="button primary" disabled={!title.trim()}>
          Add Requirement
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** bugfix.md: the bug analysis read-only in structure (edits go through the Markdown view for now). */
function BugfixView({ text }: { text: string }) {
  const doc = useMemo(() => parseBugfix(text), [text]);
  return (
    <div className="spec-pane requirements-pane" data-testid="bugfix-pane">
      <p className="pane-empty">Bug analysis — edit it in the Markdown view; structured editing of bugfix specs comes later.</p>
      {doc.requirements.map((req) => (
        <section key={req.id} className="req-card" data-requirement={req.id}>
          <header className="req-head">
            <span className="req-id">{req.id}</span>
            <span className="req-title">{req.title}</span>
          </header>
          <ol className="criteria">
            {req.criteria.map((c) => (
              <li key={c.id} className="criterion" data-criterion={c.id}>
                <span className="criterion-id">{c.id}</span>
                <div className="criterion-body">{c.text}</div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
