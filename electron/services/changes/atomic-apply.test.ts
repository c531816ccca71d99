import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAtomically, AtomicApplyError, nodeIo, type AtomicIo } from './atomic-apply';

async function folder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'keel-apply-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, name), text);
  return root;
}

/** Every file below root with its text: the whole visible state of the folder. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const abs = path.join(entry.parentPath, entry.name);
    const rel = path.relative(root, abs);
    out[rel] = entry.isDirectory() ? '<dir>' : await readFile(abs, 'utf8');
  }
  return out;
}

/** The real file system, except that the given step fails when it touches `target` (temp files named after it too). */
function failing(step: keyof AtomicIo, target: string): AtomicIo {
  const io = { ...nodeIo };
  const real = io[step] as (...args: unknown[]) => Promise<unknown>;
  (io as Record<string, unknown>)[step] = (...args: unknown[]) => {
    const hits = args.some((a) => typeof a === 'string' && (a === target || a.startsWith(`${path.dirname(target)}/.${path.basename(target)}.keel-`)));
    if (hits && !(step === 'unlink' && String(args[0]).includes('.keel-'))) return Promise.reject(new Error('disk full'));
    return real(...args);
  };
  return io;
}

describe('applyAtomically', () => {
  it('writes, creates (with new folders) and deletes in one go, leaving no temp files', async () => {
    const root = await folder({ 'a.txt': 'a\n', 'gone.txt': 'bye\n' });
    await applyAtomically([
      { abs: path.join(root, 'a.txt'), bytes: Buffer.from('A\n') },
      { abs: path.join(root, 'new/deep/b.txt'), bytes: Buffer.from('b\n') },
      { abs: path.join(root, 'gone.txt'), bytes: null },
    ]);
    expect(await snapshot(root)).toEqual({ 'a.txt': 'A\n', new: '<dir>', 'new/deep': '<dir>', 'new/deep/b.txt': 'b\n' });
  });

  it('keeps the permissions of a replaced file', async () => {
    const root = await folder({ 'run.sh': 'echo 1\n' });
    await chmod(path.join(root, 'run.sh'), 0o755);
    await applyAtomically([{ abs: path.join(root, 'run.sh'), bytes: Buffer.from('echo 2\n') }]);
    expect((await stat(path.join(root, 'run.sh'))).mode & 0o777).toBe(0o755);
  });

  for (const [step, match] of [
    ['writeTemp', 'c.txt'],
    ['rename', 'c.txt'],
    ['unlink', 'gone.txt'],
  ] as const) {
    it(`changes nothing when the ${step} of a later file fails`, async () => {
      const root = await folder({ 'a.txt': 'a\n', 'c.txt': 'c\n', 'gone.txt': 'bye\n' });
      const before = await snapshot(root);
      const attempt = applyAtomically(
        [
          { abs: path.join(root, 'a.txt'), bytes: Buffer.from('A\n') },
          { abs: path.join(root, 'sub/new.txt'), bytes: Buffer.from('new\n') },
          { abs: path.join(root, 'c.txt'), bytes: Buffer.from('C\n') },
          { abs: path.join(root, 'gone.txt'), bytes: null },
        ],
        { io: failing(step, path.join(root, match)) },
      );
      await expect(attempt).rejects.toBeInstanceOf(AtomicApplyError);
      await expect(attempt).rejects.toThrow(/Nothing was changed/);
      expect(await snapshot(root)).toEqual(before);
    });
  }

  it('reports every temp file it made and released, so the watcher can hide them', async () => {
    const root = await folder({ 'a.txt': 'a\n' });
    const seen: string[] = [];
    await applyAtomically([{ abs: path.join(root, 'a.txt'), bytes: Buffer.from('A\n') }], {
      onTempFile: (abs, phase) => seen.push(`${phase}:${path.basename(abs).replace(/keel-[\w-]+/, 'keel-X')}`),
    });
    expect(seen).toEqual(['created:.a.txt.keel-X.tmp', 'created:.a.txt.keel-X.bak', 'released:.a.txt.keel-X.tmp', 'released:.a.txt.keel-X.bak']);
  });
});
