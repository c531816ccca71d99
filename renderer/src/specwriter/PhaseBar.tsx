import { useState } from 'react';
import type { SpecWriterPhase, SpecWriterState } from '../../../protocol';
import { Icon } from '../workbench/icons';
import { approvePhase, PHASE_LABELS, refinePhase, stopPhase } from './phaseActions';
import { useSpecWriter } from './specWriterStore';

/**
 * The bar above a spec the planner is writing: the phases as steps, what is happening now, and the one or two
 * things the user can do about it (Stop while writing; Approve / Refine once written; Try Again after a failure).
 */
export function PhaseBar({ state }: { state: SpecWriterState }) {
  const [refining, setRefining] = useState(false);
  const [busy, setBusy] = useState(false);
  const phase = state.phases[state.current];
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`phase-bar ${phase?.status ?? 'done'}`} role="region" aria-label="Spec writer" data-testid="phase-bar" data-phase={phase?.kind ?? 'done'} data-status={phase?.status ?? 'done'}>
      <div className="phase-bar-row">
        <ol className="phase-steps" aria-label="Phases">
          {state.phases.map((p, i) => (
            <li key={p.kind} className={`phase-step ${p.status}${i === state.current ? ' current' : ''}`} data-testid={`phase-step-${p.kind}`} data-status={p.status}>
              <span className="phase-step-mark" aria-hidden="true">{p.status === 'approved' ? '✓' : i + 1}</span>
              {PHASE_LABELS[p.kind]}
            </li>
          ))}
        </ol>
        <div className="phase-message" data-testid="phase-message" title={message(state, phase)}>
          {phase?.status === 'writing' && <span className="phase-spinner" aria-hidden="true" />} {message(state, phase)}
        </div>
        <div className="phase-actions">
          {!phase ? (
            <button className="icon-button" title="Close" aria-label="Close the spec writer bar" data-testid="phase-dismiss" onClick={() => useSpecWriter.getState().dismiss(state.dir)}>
              <Icon name="close" />
            </button>
          ) : phase.status === 'writing' ? (
            <button className="button secondary" data-testid="phase-stop" disabled={busy} onClick={() => void act(() => stopPhase(state))}>
              Stop
            </button>
          ) : (
            <>
              <button className={`button ${phase.status === 'review' && !hasErrors(phase) ? 'secondary' : 'primary'}`} data-testid="phase-refine" disabled={busy || refining} onClick={() => setRefining(true)}>
                {phase.status === 'failed' ? 'Try Again…' : 'Refine…'}
              </button>
              <button
                className={`button ${phase.status === 'review' && !hasErrors(phase) ? 'primary' : 'secondary'}`}
                data-testid="phase-approve"
                disabled={busy}
                title={approveTitle(state, phase)}
                onClick={() => void act(() => approvePhase(state, phase))}
              >
                {approveLabel(state)}
              </button>
            </>
          )}
        </div>
      </div>
      {phase && phase.status !== 'writing' && phase.status !== 'pending' && <Problems phase={phase} />}
      {refining && phase && (
        <RefineBox
          phase={phase}
          busy={busy}
          onCancel={() => setRefining(false)}
          onSubmit={(feedback) =>
            void act(async () => {
              if (await refinePhase(state, phase, feedback)) setRefining(false);
            })
          }
        />
      )}
    </div>
  );
}

function message(state: SpecWriterState, phase: SpecWriterPhase | undefined): string {
  if (!phase) return 'Every phase is approved. Start the tasks from the Tasks tab.';
  const doc = phase.path.split('/').pop();
  const label = PHASE_LABELS[phase.kind].toLowerCase();
  switch (phase.status) {
    case 'writing':
      return `The planner is writing ${doc}…`;
    case 'review':
      if (hasErrors(phase)) return `The ${label} has problems: fix them here, or Refine.`;
      return phase.edited ? `You edited the ${label}. Approve it when it is right.` : `Check the ${label}, edit it here if needed, then approve it.`;
    case 'stopped':
      return `Stopped: ${doc} is incomplete (what was written is kept). Refine to write it again, or complete it and approve.`;
    case 'failed':
      return `The planner could not write ${doc}: ${phase.error ?? 'unknown error'}`;
    default:
      return state.phases.some((p) => p.status === 'approved') ? `Next: the ${label}.` : '';
  }
}

const hasErrors = (phase: SpecWriterPhase): boolean => phase.problems.some((p) => p.severity === 'error');

function approveLabel(state: SpecWriterState): string {
  const next = state.phases[state.current + 1];
  return next ? `Approve · Write ${PHASE_LABELS[next.kind]}` : 'Approve';
}

function approveTitle(state: SpecWriterState, phase: SpecWriterPhase): string {
  const next = state.phases[state.current + 1];
  const what = `Approve the ${PHASE_LABELS[phase.kind].toLowerCase()} as it is (unsaved edits are saved first)`;
  return next ? `${what}; the planner then writes the ${PHASE_LABELS[next.kind].toLowerCase()} from it.` : `${what}.`;
}

function Problems({ phase }: { phase: SpecWriterPhase }) {
  const [open, setOpen] = useState(false);
  if (!phase.problems.length) return null;
  const errors = phase.problems.filter((p) => p.severity === 'error').length;
  const others = phase.problems.length - errors;
  const summary = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', others ? `${others} warning${others === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return (
    <div className={`phase-problems${errors ? ' has-errors' : ''}`} data-testid="phase-problems">
      <button className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name={errors ? 'error' : 'warning'} size={14} /> {summary} in {phase.path.split('/').pop()} — {open ? 'hide' : 'show'}
      </button>
      {open && (
        <ul>
          {phase.problems.map((p, i) => (
            <li key={i} className={p.severity} data-testid="phase-problem">
              {p.line > 0 ? `Line ${p.line}: ` : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RefineBox(props: { phase: SpecWriterPhase; busy: boolean; onCancel: () => void; onSubmit: (feedback: string) => void }) {
  const [feedback, setFeedback] = useState('');
  const label = PHASE_LABELS[props.phase.kind].toLowerCase();
  return (
    <form
      className="phase-refine"
      data-testid="phase-refine-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(feedback);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) props.onSubmit(feedback);
      }}
    >
      <textarea
        autoFocus
        rows={3}
        value={feedback}
        aria-label={`What should change in the ${label}?`}
        placeholder={`What should change in the ${label}? (empty: write it again) — Ctrl+Enter to send`}
        data-testid="phase-feedback"
        onChange={(e) => setFeedback(e.target.value)}
      />
      <div className="form-buttons">
        <button type="submit" className="button primary" disabled={props.busy} data-testid="phase-refine-send">
          Rewrite the {PHASE_LABELS[props.phase.kind]}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <div className="field-hint">Only this document is rewritten; approved documents stay as they are.</div>
    </form>
  );
}
