import { describe, expect, it } from 'vitest';
import { KeelError } from '../../../protocol';
import { TaskStateFile, type TasksFileAccess } from './task-state-file';

const TEXT = '# Plan\r\n\r\n-   [ ] 1. One  \r\n-   [x] 2. Two\r\n    - [ ] 2.1 Sub';

/** An in-memory tasks.md with the workspace's version check; `interfere` edits it between a read and a write. */
function memoryFile(initial: string, interfere?: (text: string) => string | undefined) {
  let text = initial;
  let version = 0;
  const writes: string[] = [];
  const fs: TasksFileAccess = {
    readFile: async () => ({ content: text, version: String(version) }),
    writeFile: async (_p, content, expected) => {
      const edited = interfere?.(text);
      if (edited !== undefined) {
        text = edited;
        version++;
        interfere = undefined;
      }
      if (expected !== String(version)) throw new KeelError('CONFLICT', 'changed on disk');
      writes.push(content);
      text = content;
      return { version: String(++version) };
    },
  };
  return { fs, text: () => text, writes };
}

describe('TaskStateFile', () => {
  it('changes only the checkbox character, keeping CRLF, odd spacing and a missing final newline', async () => {
    const file = memoryFile(TEXT);
    const change = await new TaskStateFile(file.fs).set('.kiro/specs/x', '1', 'inProgress');
    expect(change).toEqual({ from: 'open', to: 'inProgress', changed: true });
    expect(file.text()).toBe(TEXT.replace('-   [ ] 1.', '-   [-] 1.'));
    await new TaskStateFile(file.fs).set('.kiro/specs/x', '2.1', 'done');
    expect(file.text()).toBe(TEXT.replace('-   [ ] 1.', '-   [-] 1.').replace('[ ] 2.1', '[x] 2.1'));
  });

  it('redoes the edit on the new text when the file changed between read and write (the user\'s edit survives)', async () => {
    const file = memoryFile(TEXT, (t) => t.replace('Two', 'Two, renamed'));
    await new TaskStateFile(file.fs).set('.kiro/specs/x', '1', 'inProgress');
    expect(file.text()).toBe(TEXT.replace('-   [ ] 1.', '-   [-] 1.').replace('Two', 'Two, renamed'));
  });

  it('with onlyIf, leaves a box the user changed meanwhile', async () => {
    const file = memoryFile(TEXT);
    expect(await new TaskStateFile(file.fs).set('.kiro/specs/x', '2', 'open', 'inProgress')).toEqual({ from: 'done', to: 'open', changed: false });
    expect(file.writes).toEqual([]);
  });

  it('names a missing task clearly', async () => {
    await expect(new TaskStateFile(memoryFile(TEXT).fs).set('.kiro/specs/x', '7', 'done')).rejects.toThrow('Task 7 is not in .kiro/specs/x/tasks.md');
  });
});
