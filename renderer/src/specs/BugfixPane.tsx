import { useEffect, useMemo } from 'react';
import { addBugfixCriterion, bugfixSections, parseBugfix, removeBugfixCriterion, setCriterionText, type BugfixBehaviour, type EditResult, type RequirementEditResult } from '../../../specs-schema';
import { notifyError } from '../state/notifications';
import { EditableText } from './EditableText';
import { applyRequirementEdit } from './followRefs';
import { AddCriterion, Problems, type RequirementsPaneProps } from './criterionParts';
import { onLines } from './specDiagnostics';
import { flash, useSpecEditors } from './specEditorStore';
import { editDoc } from './useDocText';

const SECTION: Record<BugfixBehaviour, { title: string; hint: string; placeholder: string }> = {
  current: { title: 'Current behaviour', hint: 'What goes wrong today (the defect).', placeholder: 'WHEN …, THEN the system …' },
  expected: { title: 'Expected behaviour', hint: 'What the fix makes happen instead.', placeholder: 'WHEN …, THEN the system SHALL …' },
  unchanged: { title: 'Unchanged behaviour', hint: 'What must keep working (regression prevention).', placeholder: 'WHEN …, THEN the system SHALL CONTINUE TO …' },
};

/** bugfix.md as its three behaviour lists; edits renumber within a section and carry tasks.md refs along. */
export function BugfixPane({ tab, path, tasksPath, designPath, readOnly, diagnostics, text }: RequirementsPaneProps & { text: string }) {
  const doc = useMemo(() => parseBugfix(text), [text]);
  const sections = useMemo(() => bugfixSections(doc), [doc]);
  const reveal = useSpecEditors((s) => s.editors[tab]?.reveal);
  useEffect(() => {
    if (!reveal) return;
    useSpecEditors.getState().clearReveal(tab);
    return flash(document.querySelector(`[data-criterion="${CSS.escape(reveal)}"]`) ?? document.querySelector(`[data-requirement="${CSS.escape(reveal)}"]`));
  }, [reveal, tab]);
  const apply = (result: EditResult | RequirementEditResult) => {
    const refused = result.diagnostics.find((d) => d.severity === 'error');
    if (refused) return notifyError('The bug analysis was not changed', new Error(refused.message));
    if ('idMap' in result) applyRequirementEdit(path, text, result, tasksPath, designPath);
    else editDoc(path, text, result);
  };
  return (
    <div className="spec-pane requirements-pane" data-testid="bugfix-pane">
      <div className="pane-toolbar">
        <span className="pane-summary">Bug analysis · {sections.reduce((n, s) => n + s.criteria.length, 0)} criteria</span>
      </div>
      {sections.map((s) => (
        <section key={s.kind} className={`req-card bugfix-section ${s.kind}`} data-testid="bugfix-section" data-section={s.kind} data-requirement={s.major}>
          <header className="req-head">
            <span className="req-id">{s.major}.x</span>
            <span className="req-title">{SECTION[s.kind].title}</span>
            <span className="pane-summary bugfix-hint">{SECTION[s.kind].hint}</span>
          </header>
          {s.criteria.length === 0 && <p className="pane-empty">None yet.</p>}
          <ol className="criteria">
            {s.criteria.map((c) => (
              <li key={`${c.id}:${c.line}`} className="criterion" data-testid="criterion" data-criterion={c.id}>
                <span className="criterion-id">{c.id}</span>
                <div className="criterion-body">
                  <EditableText label={`Criterion ${c.id}`} value={c.text} multiline readOnly={readOnly} onCommit={(v) => apply(setCriterionText(doc, c, v))} />
                  <Problems list={onLines(diagnostics, c.line, c.endLine)} />
                </div>
                {!readOnly && (
                  <button className="row-action" title="Delete criterion (later ones renumber; references in tasks follow)" aria-label={`Delete criterion ${c.id}`} onClick={() => apply(removeBugfixCriterion(doc, c))}>
                    ✕
                  </button>
                )}
              </li>
            ))}
          </ol>
          {!readOnly && <AddCriterion placeholder={`Add: ${SECTION[s.kind].placeholder}`} onAdd={(v) => apply(addBugfixCriterion(doc, s.kind, v))} />}
        </section>
      ))}
    </div>
  );
}
