import { useEffect, useMemo, useState } from 'react';
import {
  addCriterion,
  addRequirement,
  lintEars,
  moveRequirement,
  parseRequirements,
  removeCriterion,
  removeRequirement,
  setCriterionText,
  setRequirementTitle,
  setUserStory,
  type EarsPattern,
  type EditResult,
  type RequirementEditResult,
  type RequirementsDoc,
} from '../../../specs-schema';
import { notifyError } from '../state/notifications';
import { BugfixPane } from './BugfixPane';
import { AddCriterion, Problems, type RequirementsPaneProps } from './criterionParts';
import { EditableText } from './EditableText';
import { applyRequirementEdit } from './followRefs';
import { onLines } from './specDiagnostics';
import { flash, useSpecEditors } from './specEditorStore';
import { editDoc, useDocText } from './useDocText';
import { count } from './plural';

const PATTERN_LABEL: Record<EarsPattern, string> = {
  ubiquitous: 'Ubiquitous',
  event: 'Event (WHEN)',
  state: 'State (WHILE)',
  unwanted: 'Unwanted (IF/THEN)',
  optional: 'Optional (WHERE)',
  complex: 'Complex',
  none: 'Not EARS',
  unchecked: 'EARS not checked',
};


/** requirements.md as cards; structural edits renumber and carry the references in tasks.md and design.md along. */
export function RequirementsPane(props: RequirementsPaneProps) {
  const text = useDocText(props.path);
  if (text === undefined) return <div className="editor-loading" aria-busy="true" />;
  if (props.path.endsWith('bugfix.md')) return <BugfixPane {...props} text={text} />;
  return <RequirementsCards {...props} text={text} />;
}

function RequirementsCards({ tab, path, tasksPath, designPath, readOnly, text, diagnostics }: RequirementsPaneProps & { text: string }) {
  const doc = useMemo(() => parseRequirements(text), [text]);
  const lint = useMemo(() => lintEars(doc), [doc]);
  const reveal = useSpecEditors((s) => s.editors[tab]?.reveal);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (!reveal) return;
    useSpecEditors.getState().clearReveal(tab);
    return flash(document.querySelector(`[data-criterion="${CSS.escape(reveal)}"]`) ?? document.querySelector(`[data-requirement="${CSS.escape(reveal)}"]`));
  }, [reveal, tab]);
  const apply = (result: EditResult | RequirementEditResult) => {
    const refused = result.diagnostics.find((d) => d.severity === 'error');
    if (refused) return notifyError('The requirements were not changed', new Error(refused.message));
    if ('idMap' in result) applyRequirementEdit(path, text, result, tasksPath, designPath);
    else editDoc(path, text, result);
  };
  const patterns = new Map(lint.criteria.map((c) => [c.id, c.pattern]));
  const problemsAt = (from: number, to: number) => onLines(diagnostics ?? lint.diagnostics, from, to);
  return (
    <div className="spec-pane requirements-pane" data-testid="requirements-pane">
      <div className="pane-toolbar">
        <span className="pane-summary">
          {count(doc.requirements.length, 'requirement')} · {count(doc.requirements.reduce((n, r) => n + r.criteria.length, 0), 'acceptance criterion', 'acceptance criteria')}
        </span>
        {!readOnly && (
          <button className="button secondary" data-testid="requirement-add" onClick={() => setAdding(true)}>
            Add Requirement
          </button>
        )}
      </div>
      {doc.requirements.length === 0 && !adding && <p className="pane-empty">No requirements yet. Each requirement is a user story with acceptance criteria in EARS form.</p>}
      {doc.requirements.map((req, index) => (
        <section key={`${req.id}:${req.heading.line}`} className="req-card" data-testid="requirement-card" data-requirement={req.id}>
          <header className="req-head">
            <span className="req-id">Requirement {req.id}</span>
            <EditableText label={`Title of requirement ${req.id}`} value={req.title} placeholder="No title yet — click to add one" readOnly={readOnly} onCommit={(v) => apply(setRequirementTitle(doc, req, v))} className="req-title" />
            {!readOnly && (
              <span className="req-actions">
                <button className="row-action" title="Move up (renumbers; references in tasks follow)" aria-label={`Move requirement ${req.id} up`} data-testid="requirement-up" disabled={index === 0} onClick={() => apply(moveRequirement(doc, req, 'up'))}>
                  ↑
                </button>
                <button className="row-action" title="Move down (renumbers; references in tasks follow)" aria-label={`Move requirement ${req.id} down`} data-testid="requirement-down" disabled={index === doc.requirements.length - 1} onClick={() => apply(moveRequirement(doc, req, 'down'))}>
                  ↓
                </button>
                <button className="row-action" title="Delete requirement (references in tasks follow)" aria-label={`Delete requirement ${req.id}`} onClick={() => apply(removeRequirement(doc, req))}>
                  ✕
                </button>
              </span>
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
