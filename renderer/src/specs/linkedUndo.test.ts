import { describe, expect, it } from 'vitest';
import { linkModels, type UndoableModel } from './linkedUndo';

/** A text model with an undo stack, reporting changes the way Monaco does (isUndoing / isRedoing). */
class FakeModel implements UndoableModel {
  private past: string[] = [];
  private future: string[] = [];
  private listeners: ((e: { isUndoing: boolean; isRedoing: boolean }) => void)[] = [];
  private versions = new Map<string, number>();
  constructor(public text: string) {}
  getAlternativeVersionId() {
    // Like Monaco: returning to an earlier text by undo gives its earlier id back.
    if (!this.versions.has(this.text)) this.versions.set(this.text, this.versions.size + 1);
    return this.versions.get(this.text) as number;
  }
  edit(text: string) {
    this.past.push(this.text);
    this.future = [];
    this.text = text;
    this.emit(false, false);
  }
  undo() {
    const t = this.past.pop();
    if (t === undefined) return;
    this.future.push(this.text);
    this.text = t;
    this.emit(true, false);
  }
  redo() {
    const t = this.future.pop();
    if (t === undefined) return;
    this.past.push(this.text);
    this.text = t;
    this.emit(false, true);
  }
  isDisposed() {
    return false;
  }
  onDidChangeContent(l: (e: { isUndoing: boolean; isRedoing: boolean }) => void) {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  }
  private emit(isUndoing: boolean, isRedoing: boolean) {
    for (const l of this.listeners) l({ isUndoing, isRedoing });
  }
}

function renumbered() {
  const req = new FakeModel('R1 A\nR2 B');
  const tasks = new FakeModel('task cites 2.1');
  req.getAlternativeVersionId();
  tasks.getAlternativeVersionId();
  req.edit('R1 B\nR2 A');
  tasks.edit('task cites 1.1');
  linkModels(req, [tasks]);
  return { req, tasks };
}

describe('linked undo', () => {
  it('undoing the renumbering in requirements.md also takes back the tasks.md refs; redo brings both back', () => {
    const { req, tasks } = renumbered();
    req.undo();
    expect([req.text, tasks.text]).toEqual(['R1 A\nR2 B', 'task cites 2.1']);
    req.redo();
    expect([req.text, tasks.text]).toEqual(['R1 B\nR2 A', 'task cites 1.1']);
    req.undo();
    expect(tasks.text).toBe('task cites 2.1');
  });

  it('leaves tasks.md alone when the user edited it after the renumbering', () => {
    const { req, tasks } = renumbered();
    tasks.edit('task cites 1.1 and more');
    req.undo();
    expect([req.text, tasks.text]).toEqual(['R1 A\nR2 B', 'task cites 1.1 and more']);
  });

  it('an unrelated later edit in requirements.md undone on its own does not touch tasks.md', () => {
    const { req, tasks } = renumbered();
    req.edit('R1 B!\nR2 A');
    req.undo();
    expect(tasks.text).toBe('task cites 1.1');
    req.undo();
    expect(tasks.text).toBe('task cites 2.1');
  });
});
