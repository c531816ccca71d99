#!/usr/bin/env node
// The `keel` command: runs the bundled CLI when built, else the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'dist/cli/keel.mjs');
let cli;
if (existsSync(bundled)) {
  cli = await import(pathToFileURL(bundled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(join(root, 'cli/keel.ts')).href);
}
cli.main();
