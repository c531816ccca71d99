import { countProblems, useProblems } from './problemsStore';

/** The count beside the panel's title: errors and warnings (infos are hints, not counted, as in VS Code's badge). */
export function useProblemsBadge(): number {
  return useProblems((s) => {
    const c = countProblems(s.bySource);
    return c.error + c.warning;
  });
}
