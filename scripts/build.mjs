// Production build: the renderer with Vite, the hosts and the CLI with esbuild. Output in dist/.
// `node scripts/build.mjs --if-stale` skips the work when dist/ is newer than every source file.
import { build as esbuild } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuildStale, repoRoot, stampPath } from './build-stamp.mjs';

const root = repoRoot;
if (process.argv.includes('--if-stale') && !isBuildStale()) process.exit(0);

const started = Date.now();
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });

const esmRequireShim = [
  "import { createRequire as __keelCreateRequire } from 'node:module';",
  "import { fileURLToPath as __keelToPath } from 'node:url';",
  'const require = __keelCreateRequire(import.meta.url);',
  'const __filename = __keelToPath(import.meta.url);',
  "const __dirname = __keelToPath(new URL('.', import.meta.url));",
].join(' ');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  // Electron loads CommonJS for main and (sandboxed) preload; the preload must bundle all it needs but `electron`.
  // import.meta is empty in CommonJS; the one module that reads it (shell-parser) takes `require` there instead.
  esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', packages: 'external', logOverride: { 'empty-import-meta': 'silent' } }),
  esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  // The browser host bundles its dependencies (about half its start-up was module resolution); only native or
  // optional platform packages stay external. CommonJS dependencies inside it need require/__filename.
  esbuild({
    ...common,
    entryPoints: ['electron/serve.ts'],
    outfile: 'dist/electron/serve.mjs',
    format: 'esm',
    external: ['node-pty', 'fsevents'],
    // Prefer ES module builds: some packages' "main" is a UMD wrapper whose inner requires esbuild cannot follow.
    mainFields: ['module', 'main'],
    banner: { js: esmRequireShim },
  }),
  // The CLI needs a real `require` too: esbuild's stand-in for it in ESM output has no `require.resolve`, which the
  // shell parser uses to find the bash grammar's wasm ("req.resolve is not a function", issue 17 finding 8).
  esbuild({ ...common, entryPoints: ['cli/keel.ts'], outfile: 'dist/cli/keel.mjs', format: 'esm', packages: 'external', banner: { js: esmRequireShim } }),
]);

// V8 keeps a script's source in memory for its whole life, as one byte per character only when every character is
// Latin-1. esbuild escapes non-ASCII in strings but not in regular expressions or comments (the specs parser's
// CJK heading patterns, an emoji in a dependency's comment), which doubled the host's 4 MB bundle to 8 MB of heap.
// A \uXXXX escape means the same inside a regex, a string or a comment.
const escapeUnit = (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
for (const file of ['dist/electron/serve.mjs', 'dist/electron/main.cjs', 'dist/cli/keel.mjs']) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  // Without the `u` flag the pattern matches UTF-16 units, so an astral character becomes its escaped surrogate pair.
  const latin1 = text.replace(/[^\u0000-\u00ff]/g, escapeUnit); // eslint-disable-line no-control-regex -- the whole Latin-1 range, on purpose
  if (latin1 !== text) writeFileSync(path, latin1);
}

mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(stampPath, new Date().toISOString() + '\n');
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
