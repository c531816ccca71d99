/**
 * One Undo across files: a requirement renumbering edits requirements.md and, to keep references true, tasks.md and
 * design.md. Each file is its own text model with its own undo stack, so this links them: undoing that step in the
 * primary file undoes the follower edits too, and redoing it redoes them — but only while a follower's last change
 * is still that edit (if the user typed in tasks.md since, their text wins and is left alone).
 */
import { getServices } from '../app/services';

/** The part of Monaco's ITextModel this needs. */
export interface UndoableModel {
  getAlternativeVersionId(): number;
  onDidChangeContent(listener: (e: { isUndoing: boolean; isRedoing: boolean }) => void): { dispose(): void };
  undo(): void | Promise<void>;
  redo(): void | Promise<void>;
  isDisposed(): boolean;
}

interface Follower {
  model: UndoableModel;
  /** Version right after the linked edit, and right after undoing it. */
  done: number;
  undone?: number;
}

const MAX_LINKS = 50;
const links = new Map<UndoableModel, { dispose(): void }[]>();

export function linkModels(primary: UndoableModel, followers: UndoableModel[]): { dispose(): void } {
  const after = primary.getAlternativeVersionId();
  const fs: Follower[] = followers.map((model) => ({ model, done: model.getAlternativeVersionId() }));
  let state: 'done' | 'undone' = 'done';
  let version = after;
  const sub = primary.onDidChangeContent((e) => {
    const previous = version;
    version = primary.getAlternativeVersionId();
    if (e.isUndoing && state === 'done' && previous === after) {
      state = 'undone';
      for (const f of fs) {
        if (f.model.isDisposed() || f.model.getAlternativeVersionId() !== f.done) continue;
        void f.model.undo();
        f.undone = f.model.getAlternativeVersionId();
      }
    } else if (e.isRedoing && state === 'undone' && version === after) {
      state = 'done';
      for (const f of fs) {
        if (f.undone === undefined || f.model.isDisposed() || f.model.getAlternativeVersionId() !== f.undone) continue;
        void f.model.redo();
        f.done = f.model.getAlternativeVersionId();
        delete f.undone;
      }
    } else if (!e.isUndoing && !e.isRedoing && state === 'undone') {
      link.dispose(); // a new edit after the undo: the redo of this step is gone
    }
  });
  const link = {
    dispose() {
      sub.dispose();
      const list = links.get(primary);
      if (list) links.set(primary, list.filter((l) => l !== link));
    },
  };
  const list = [...(links.get(primary) ?? []), link];
  // Old steps deep in the undo history: keep the listeners bounded.
  while (list.length > MAX_LINKS) list.shift()?.dispose();
  links.set(primary, list);
  return link;
}

/** Links the buffers of open documents (no-op for any that is not open). */
export function linkUndo(primaryPath: string, followerPaths: string[]): void {
  const { documents } = getServices();
  const model = (path: string) => documents.buffer(path)?.handle as UndoableModel | undefined;
  const primary = model(primaryPath);
  const followers = followerPaths.map(model).filter((m): m is UndoableModel => m !== undefined);
  if (primary && followers.length) linkModels(primary, followers);
}
