import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot, findRepoRootFrom, readVersion } from './repo-root';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-root-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'keel', version: '1.2.3' }));
  await mkdir(path.join(dir, 'dist', 'electron'), { recursive: true });
  await mkdir(path.join(dir, 'electron'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findRepoRoot', () => {
  it('finds the root from the sources and from the bundle, which sit at different depths', () => {
    expect(findRepoRoot(pathToFileURL(path.join(dir, 'electron', 'serve.ts')).href)).toBe(dir);
    expect(findRepoRoot(pathToFileURL(path.join(dir, 'dist', 'electron', 'serve.mjs')).href)).toBe(dir);
    expect(findRepoRootFrom(path.join(dir, 'dist', 'electron'))).toBe(dir);
    expect(readVersion(dir)).toBe('1.2.3');
  });
});
