import { describe, expect, it } from 'vitest';
import { parseTasks, setTaskState } from '../../../specs-schema';
import { applyEdit, type EditableModel } from './docEdits';

/** A text model with Monaco's 1-based positions, applying operations like Monaco does (against the old text). */
function fakeModel(text: string): EditableModel & { stack: number } {
  let value = text;
  const offsetAt = (line: number, column: number) => {
    const lines = value.split('\n');
    return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  };
  return {
    stack: 0,
    getValue: () => value,
    getPositionAt(offset) {
      const before = value.slice(0, offset).split('\n');
      return { lineNumber: before.length, column: (before[before.length - 1] ?? '').length + 1 };
    },
    pushStackElement() {
      this.stack++;
    },
    pushEditOperations(_s, ops) {
      const abs = ops
        .map((o) => ({ start: offsetAt(o.range.startLineNumber, o.range.startColumn), end: offsetAt(o.range.endLineNumber, o.range.endColumn), text: o.text }))
        .sort((a, b) => b.start - a.start);
      for (const o of abs) value = value.slice(0, o.start) + o.text + value.slice(o.end);
      return null;
    },
  };
}

describe('applyEdit', () => {
  const text = '# Plan\n\n- [ ] 1. First\n- [ ] 2. Second\n';

  it('puts the model text exactly where specs-schema says, as one undo step', () => {
    const model = fakeModel(text);
    const doc = parseTasks(text);
    const result = setTaskState(doc, doc.all[1]!, 'done');
    expect(applyEdit(model, text, result)).toBe(true);
    expect(model.getValue()).toBe(result.text);
    expect(model.getValue()).toBe('# Plan\n\n- [ ] 1. First\n- [x] 2. Second\n');
  });

  it('refuses an edit computed from text that has changed since', () => {
    const model = fakeModel(text + 'typed meanwhile\n');
    const doc = parseTasks(text);
    expect(applyEdit(model, text, setTaskState(doc, doc.all[0]!, 'done'))).toBe(false);
    expect(model.getValue()).toBe(text + 'typed meanwhile\n');
  });
});
