import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunJournal } from './run-journal';

describe('RunJournal', () => {
  it('lives in user data per workspace, survives a torn last line and keeps appending on a fresh line', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'keel-journal-'));
    const journal = RunJournal.forWorkspace(userData, '/some/repo');
    expect(journal.file.startsWith(join(userData, 'runs'))).toBe(true);
    expect(journal.file).toMatch(/runs\/[0-9a-f]{16}\/tasks\.jsonl$/);
    await journal.append({ t: 'log', runId: 'r1', at: 'now', message: 'one' });
    await appendFile(journal.file, '{"t":"log","runId":"r1","at":"now","mess'); // a crash mid-write

    const reopened = RunJournal.forWorkspace(userData, '/some/repo');
    await reopened.append({ t: 'log', runId: 'r1', at: 'now', message: 'two' });
    const { records, skipped } = await reopened.read();
    expect(records.map((r) => (r.t === 'log' ? r.message : r.t))).toEqual(['one', 'two']);
    expect(skipped).toBe(1);
    expect((await readFile(journal.file, 'utf8')).split('\n')).toHaveLength(4);
  });

  it('refuses a malformed record instead of writing it', async () => {
    const journal = RunJournal.forWorkspace(await mkdtemp(join(tmpdir(), 'keel-journal-')), '/r');
    // @ts-expect-error -- a record the schema does not know
    await expect(journal.append({ t: 'bogus', runId: 'x' })).rejects.toThrow();
  });
});
