#!/usr/bin/env node
/**
 * Runs Doyensec's Electronegativity on the Electron host (electron/, TypeScript sources) and fails when it
 * reports anything above informational severity. Part of `npm test` (`npm run test:security`).
 *
 *   node scripts/electronegativity.mjs [dir]     (default: electron/)
 *
 * Offline by design: the tool's own CLI downloads translations and Electron's release list on every run; here
 * its messages come from the installed package (network calls are declined), and the one network-only check (AVAILABLE_SECURITY_FIXES, "is
 * there a newer Electron patch release") is left out — Electron is pinned in package.json and upgraded on purpose.
 * Findings that were reviewed carry an inline `eng-disable` comment with the reason at the flagged line.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = path.resolve(process.argv[2] ?? path.join(root, 'electron'));
const electronVersion = require('electron/package.json').version;

const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(path.join(toolDir, 'package.json'));
// The checks look their messages up through a global `__` that the tool's CLI sets up with i18n.
toolRequire('i18n').configure({
  locales: ['en-US'],
  defaultLocale: 'en-US',
  directory: path.join(toolDir, 'dist', 'locales'),
  updateFiles: false,
  objectNotation: true,
  retryInDefaultLocale: true,
  register: globalThis,
});
// The runner still asks GitHub for fresh translations (1 s timeout, retried: ~6 s offline). Hand it an HTTP
// client that declines at once, so the scan is fast, offline and the same on every machine.
const gotPath = createRequire(path.join(toolDir, 'dist', 'locales', 'i18n.js')).resolve('got');
const offline = () => Promise.reject(new Error('offline: Keel runs Electronegativity without network'));
offline.head = offline;
toolRequire.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const run = toolRequire('./dist/runner.js');

const result = await run(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: true,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const failing = result.issues.filter((issue) => issue.severity.value > 0);
const rel = path.relative(process.cwd(), input) || '.';
for (const issue of result.issues) {
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  const review = issue.manualReview ? ' (manual review)' : '';
  console.log(`${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${where}${review}`);
  console.log(`              ${issue.description}${issue.shortenedURL ? ` ${issue.shortenedURL}` : ''}`);
}
const parseErrors = result.errors.filter((e) => !e.tolerable);
for (const error of parseErrors) console.log(`PARSE ERROR   ${error.file}: ${error.message}`);

const checks = result.globalChecks + result.atomicChecks;
if (failing.length || parseErrors.length) {
  console.log(
    `Electronegativity (Electron ${electronVersion}, ${checks} checks) on ${rel}: ` +
      `${failing.length} finding(s) above informational, ${parseErrors.length} file(s) not parsed.`,
  );
  process.exit(1);
}
console.log(`Electronegativity (Electron ${electronVersion}, ${checks} checks) on ${rel}: nothing above informational.`);
