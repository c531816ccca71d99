import { useLayout } from '../state/layout';
import { phaseText } from './phase';
import { TASKS_PANEL } from './taskActions';
import { useTasks } from './tasksStore';

/** Status bar: the running task (or Run all's progress); a click shows the Tasks panel. */
export function RunStatusItem() {
  const status = useTasks((s) => s.status);
  if (!status?.busy) return null;
  const run = status.active.find((r) => r.parentRunId !== undefined) ?? status.active[0];
  const batch = status.batch && !['finished', 'stopped', 'failed'].includes(status.batch.state) ? status.batch : undefined;
  const text = [batch ? `Run all ${batch.done}/${batch.total}${batch.state === 'paused' ? ' (paused)' : ''}` : '', run ? `${run.title} — ${phaseText(run)}` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <button className="status-item status-button" data-testid="status-task-run" title="Show the task run" onClick={() => useLayout.getState().showPanel(TASKS_PANEL)}>
      {text || 'Task running'}
    </button>
  );
}
