/**
 * Which steering applies to a file on its own, for the steering pane's "Applies to the active file": `always`
 * files, AGENTS.md, and `fileMatch` files whose pattern selects it. `manual` and `auto` files depend on the prompt,
 * so they are listed separately as "on request".
 */
import { compilePatterns, firstMatchingPattern, normalizePath } from './globs';
import type { SteeringEntry, SteeringSource } from './steering-load';
import { effectiveInclusion } from './steering-select';

export interface SteeringApplication {
  name: string;
  path: string;
  source: SteeringSource;
  inclusion: string;
  reason: string;
}

export function steeringFor(path: string, entries: readonly SteeringEntry[]): { applies: SteeringApplication[]; onRequest: SteeringApplication[] } {
  const file = normalizePath(path);
  const applies: SteeringApplication[] = [];
  const onRequest: SteeringApplication[] = [];
  for (const e of entries) {
    const inclusion = effectiveInclusion(e);
    const base = { name: e.name, path: e.path, source: e.source, inclusion };
    const broken = e.doc.diagnostics.some((d) => d.severity === 'error');
    if (inclusion === 'always') applies.push({ ...base, reason: broken ? 'always (its front matter cannot be read)' : 'always included' });
    else if (inclusion === 'fileMatch') {
      if (compilePatterns(e.doc.fileMatchPatterns)(file)) applies.push({ ...base, reason: `matches ${firstMatchingPattern(e.doc.fileMatchPatterns, file) ?? ''}` });
    } else if (inclusion === 'manual') onRequest.push({ ...base, reason: `when the prompt says #${e.name}` });
    else onRequest.push({ ...base, reason: 'when the prompt is about its description' });
  }
  return { applies, onRequest };
}
