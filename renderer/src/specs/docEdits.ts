/**
 * The structured panes edit the very text model the raw Monaco view shows (the document manager's buffer), so
 * both views, the dirty mark, undo and save are shared. specs-schema returns offset changes against the current
 * text; they are applied as one undo step.
 */
import type { EditResult, TextChange } from '../../../specs-schema';

/** The part of Monaco's ITextModel this needs (kept structural so this module does not pull Monaco in). */
export interface EditableModel {
  getValue(): string;
  getPositionAt(offset: number): { lineNumber: number; column: number };
  pushStackElement(): void;
  pushEditOperations(
    selections: null,
    ops: { range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }; text: string }[],
    cursor: () => null,
  ): unknown;
}

export function toEditOperations(model: Pick<EditableModel, 'getPositionAt'>, changes: readonly TextChange[]) {
  return changes.map((c) => {
    const a = model.getPositionAt(c.start);
    const b = model.getPositionAt(c.end);
    return { range: { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column }, text: c.text };
  });
}

/**
 * Applies an edit computed from `basedOn`; refuses (returns false) when the model changed meanwhile, so a stale
 * structured edit never lands on text it was not computed for.
 */
export function applyEdit(model: EditableModel, basedOn: string, result: EditResult): boolean {
  if (result.changes.length === 0) return false;
  if (model.getValue() !== basedOn) return false;
  model.pushStackElement();
  model.pushEditOperations(null, toEditOperations(model, result.changes), () => null);
  model.pushStackElement();
  return true;
}
