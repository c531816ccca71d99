/**
 * Keeping `_Requirements: N.M_` references true when requirements or criteria are renumbered or removed: an id map
 * from old ids to new ones (or null for removed) is applied to every ref list of tasks.md or design.md, rewriting
 * only the items that change. A ref list left empty by removals keeps its label so nothing the user wrote vanishes
 * silently; the traceability check then reports the task as citing nothing.
 */
import type { RefList } from './refs';
import { applyChanges, type EditResult, type TextChange } from './text/edits';
import { joinLines, type SourceLine } from './text/lines';
import type { TasksDoc } from './tasks/parse-tasks';
import type { DesignDoc } from './design/parse-design';

/** Old id (`3` or `3.2`) → new id, or null when it was removed. Ids not in the map are unchanged. */
export type IdMap = ReadonlyMap<string, string | null>;

/** The new id for a criterion or requirement id, following requirement-level renames for criteria (`3.2` → `2.2`). */
export function mapId(idMap: IdMap, id: string): string | null {
  if (idMap.has(id)) return idMap.get(id) ?? null;
  const dot = id.indexOf('.');
  if (dot < 0) return id;
  const req = id.slice(0, dot);
  if (!idMap.has(req)) return id;
  const to = idMap.get(req);
  return to === null || to === undefined ? null : to + id.slice(dot);
}

export function renumberRefLists(lines: readonly SourceLine[], lists: readonly RefList[], idMap: IdMap): EditResult {
  const source = joinLines(lines);
  const changes: TextChange[] = [];
  for (const list of lists) {
    const line = lines[list.line] as SourceLine;
    const kept: string[] = [];
    let changed = false;
    for (const item of list.items) {
      if (item.ids.length === 0) {
        kept.push(item.raw);
        continue;
      }
      const mapped = item.ids.map((id) => mapId(idMap, id));
      if (mapped.every((m, k) => m === item.ids[k])) kept.push(item.raw);
      else {
        changed = true;
        const alive = mapped.filter((m): m is string => m !== null);
        if (alive.length === 0) continue;
        // Keep the item's own spelling (`R2`, `Req 2`) by swapping just the numbers when it named a single id.
        if (item.ids.length === 1) kept.push(item.raw.replace(item.ids[0] as string, alive[0] as string).replace(/\d+(?:\.\d+)?/, alive[0] as string));
        else kept.push(...alive);
      }
    }
    if (changed) {
      const sep = /，|、/.test(line.text.slice(list.listColumn, list.listEndColumn)) ? line.text.slice(list.listColumn, list.listEndColumn).match(/[，、]\s*/)?.[0] ?? ', ' : ', ';
      changes.push({ start: line.offset + list.listColumn, end: line.offset + list.listEndColumn, text: kept.join(sep) });
    }
  }
  return { text: applyChanges(source, changes), changes, diagnostics: [] };
}

export function renumberTaskRefs(doc: TasksDoc, idMap: IdMap): EditResult {
  return renumberRefLists(doc.lines, doc.all.flatMap((t) => t.refs), idMap);
}

export function renumberDesignRefs(doc: DesignDoc, idMap: IdMap): EditResult {
  return renumberRefLists(doc.lines, doc.sections.flatMap((s) => s.refs), idMap);
}
