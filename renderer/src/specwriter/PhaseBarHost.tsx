import { lazy, Suspense } from 'react';
import { PhaseBar } from './PhaseBar';
import { useSpecWriter, writingPhase } from './specWriterStore';
import './specwriter.css';

const NewSpecDialog = lazy(() => import('../specs/NewSpecDialog').then((m) => ({ default: m.NewSpecDialog })));

/** Mounted once (as a status item): the "planner is writing" status entry and the New Spec from Prompt dialog. */
export function SpecWriterStatus() {
  const dialogOpen = useSpecWriter((s) => s.dialogOpen);
  const writing = useSpecWriter((s) => Object.values(s.states).filter((x) => writingPhase(x) !== undefined).length);
  return (
    <>
      {writing > 0 && (
        <span className="status-item" data-testid="status-spec-writer" title="Keel's planner is writing a spec">
          <span className="phase-spinner" aria-hidden="true" /> Writing {writing === 1 ? 'a spec' : `${writing} specs`}…
        </span>
      )}
      {dialogOpen && (
        <Suspense fallback={null}>
          <NewSpecDialog onDone={() => useSpecWriter.getState().setDialog(false)} />
        </Suspense>
      )}
    </>
  );
}

/**
 * The phase bar in the spec editor of `specDir` (a spec editor bar contribution): shown while the planner writes
 * the spec and after, until the user closes it once every phase is approved.
 */
export function SpecPhaseBar({ specDir }: { specDir: string }) {
  const state = useSpecWriter((s) => s.states[specDir]);
  const dismissed = useSpecWriter((s) => s.dismissed[specDir]);
  if (!state || (dismissed && state.current >= state.phases.length)) return null;
  return <PhaseBar key={state.dir} state={state} />;
}
