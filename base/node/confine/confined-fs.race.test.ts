import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfinedFs } from './confined-fs';
import { ConfinementError } from './paths';
import { insideAndOutside, startSwapper } from './test-support';

const stops: (() => void)[] = [];
afterEach(() => {
  while (stops.length) stops.pop()!();
});

/**
 * Finding 6 of issue 17: with a check-then-open confinement, 354 of 1,500 reads through a symlink being swapped
 * between an inside and an outside target returned the outside file, and a write landed outside. Here the same
 * race runs against every confined read and write: reads return the inside file or are refused, writes land
 * inside or are refused — never outside.
 */
describe('ConfinedFs under a symlink swapped between check and use', () => {
  it('0 of 1,500 reads return the outside file and 0 of 1,500 writes land outside', async () => {
    const { root, outside } = await insideAndOutside();
    const outsideBefore = await snapshot(outside);
    const fs = await ConfinedFs.open(root);
    const swapper = startSwapper(root, outside);
    stops.push(() => swapper.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 100)); // the swapper is running

    const tally = { reads: 0, readsInside: 0, readsOutside: 0, writes: 0, writesDone: 0, refused: 0 };
    const targets = ['link.txt', 'dir/f.txt'];
    for (let round = 0; round < 150; round++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const target = targets[i % 2]!;
          try {
            if (i < 5 || round % 2) {
              tally.reads++;
              const { bytes } = await fs.readFile(target);
              const text = bytes?.toString('utf8') ?? '';
              if (text.includes('OUTSIDE')) tally.readsOutside++;
              else tally.readsInside++;
            } else {
              tally.writes++;
              await fs.writeAtomic(target, Buffer.from(`written ${round}.${i}\n`));
              tally.writesDone++;
            }
          } catch (err) {
            if (!(err instanceof ConfinementError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            tally.refused++;
          }
        }),
      );
    }
    swapper.kill('SIGKILL');
    // Each kind at least 1,500 times, and the race really happened (both outcomes seen).
    expect(tally.reads + tally.writes).toBeGreaterThanOrEqual(1_500);
    expect(tally.reads).toBeGreaterThanOrEqual(1_000);
    expect(tally.writes).toBeGreaterThanOrEqual(250);
    expect(tally.readsOutside).toBe(0);
    expect(tally.readsInside).toBeGreaterThan(0);
    expect(tally.writesDone).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(await snapshot(outside)).toEqual(outsideBefore);
  }, 120_000);
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir)) out[name] = await readFile(path.join(dir, name), 'utf8');
  return out;
}
