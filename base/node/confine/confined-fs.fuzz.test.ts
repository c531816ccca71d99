import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfinedFs } from './confined-fs';
import { ConfinementError, isInside } from './paths';
import { insideAndOutside } from './test-support';

/** Path parts chosen to hit every rule: climbing, absolute forms, NUL, links in and out, back slashes. */
const part = fc.constantFrom('..', '.', '', 'a', 'inside.txt', 'link.txt', 'dir', 'out-dir', 'out-link.txt', 'f.txt', 'secret.txt', 'outside', '..\\..', 'C:', '\0', '%2e%2e', 'new.txt', '...');
const relPath = fc.tuple(fc.constantFrom('', '/', '\\', '//'), fc.array(part, { minLength: 1, maxLength: 6 }), fc.constantFrom('/', '\\')).map(([lead, parts, sep]) => lead + parts.join(sep));
const op = fc.constantFrom('read', 'write', 'stat', 'list', 'mkdirs', 'create', 'resolve');

/**
 * Random paths against every operation: each either fails or acts inside the root; nothing outside is ever read
 * (no read returns outside text) or changed (the outside folder is byte-for-byte the same afterwards).
 */
describe('ConfinedFs fuzz', () => {
  it('no generated path reads or changes anything outside the root', async () => {
    const { root, outside } = await insideAndOutside();
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'out-link.txt'));
    await symlink(outside, path.join(root, 'out-dir'));
    await writeFile(path.join(outside, 'only-outside.marker'), 'OUTSIDE');
    const before = await snapshot(outside);
    const fs = await ConfinedFs.open(root);
    await fc.assert(
      fc.asyncProperty(op, relPath, async (kind, p) => {
        try {
          switch (kind) {
            case 'read': {
              const { bytes } = await fs.readFile(p);
              expect(bytes?.toString() ?? '').not.toContain('OUTSIDE');
              break;
            }
            case 'write':
              await fs.writeAtomic(p, Buffer.from('fuzz'));
              break;
            case 'stat':
              await fs.stat(p);
              break;
            case 'list':
              expect((await fs.list(p)).map((d) => d.name)).not.toContain('only-outside.marker');
              break;
            case 'mkdirs':
              await fs.mkdirs(p);
              break;
            case 'create':
              await fs.createExclusive(p, Buffer.from('fuzz'));
              break;
            case 'resolve':
              expect(isInside(root, (await fs.resolve(p)).real)).toBe(true);
              break;
          }
        } catch (err) {
          if (err instanceof ConfinementError) return;
          const code = (err as NodeJS.ErrnoException).code;
          if (code && ['ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EINVAL', 'ENAMETOOLONG'].includes(code)) return;
          throw err;
        }
      }),
      { numRuns: 2_000 },
    );
    expect(await snapshot(outside)).toEqual(before);
  }, 120_000);
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const abs = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, abs)] = entry.isDirectory() ? '<dir>' : await readFile(abs, 'utf8');
  }
  return out;
}
