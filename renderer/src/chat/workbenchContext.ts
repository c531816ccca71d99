import type { AgentProblem, AgentWorkbenchContext } from '../../../protocol/agent';
import { groupByFile, useProblems } from '../problems/problemsStore';
import { useTabs } from '../state/tabs';
import { useTerminals } from '../state/terminals';
import type { Chip } from './model';

/** What the workbench shows right now, as a prompt needs it. */
export interface WorkbenchSnapshot {
  openFiles: string[];
  activeFile: string | null;
  activeTerminal: string | null;
  problems(): AgentProblem[];
}

/** A contributed editor's tab id (`spec:auth`, `review:…`) is not a file: fileMatch only looks at files. */
const CONTRIBUTED_TAB = /^[a-z][a-z0-9-]*:/;

export function currentWorkbench(): WorkbenchSnapshot {
  const { tabs, active } = useTabs.getState();
  const files = tabs.filter((t) => !CONTRIBUTED_TAB.test(t));
  return {
    openFiles: files,
    activeFile: active && files.includes(active) ? active : null,
    activeTerminal: useTerminals.getState().active,
    problems: () =>
      groupByFile(useProblems.getState().bySource).flatMap(({ path, problems }) =>
        problems.map((p) => ({ path, line: p.line, column: p.column, severity: p.severity, message: p.message, source: p.code ? `${p.source} ${p.code}` : p.source })),
      ),
  };
}

/**
 * The prompt's chips and workbench context as sent: a `#terminal` without a target means the terminal active now;
 * the Problems panel's list travels only when `#problems` is attached (it is what the user saw, which the host
 * cannot recompute: problems come from several renderer-side sources).
 */
export function promptContext(chips: readonly Chip[], wb: WorkbenchSnapshot): { chips: Chip[]; workbench: AgentWorkbenchContext } {
  const sent = chips.map((c) => (c.kind === 'terminal' && c.target === undefined && wb.activeTerminal ? { kind: c.kind, target: wb.activeTerminal } : c));
  const workbench: AgentWorkbenchContext = { openFiles: wb.openFiles };
  if (wb.activeFile) workbench.activeFile = wb.activeFile;
  if (chips.some((c) => c.kind === 'problems')) workbench.problems = wb.problems();
  return { chips: sent, workbench };
}
