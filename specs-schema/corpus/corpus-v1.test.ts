/**
 * Conformance over the Kiro 1.0-era corpus (`../shared/kiro-corpus-v1`): every file round-trips byte for byte
 * whatever its kind; the spec files (localized requirements, tasks with dependency graphs and escaped optional
 * stars, `.config.kiro` workflow types, `tasks.meta.json`) are classified as the manifest says, parse without a
 * diagnostic and have counts matching `corpus-v1-stats.snapshot.json` (regenerate with `KEEL_UPDATE_SNAPSHOTS=1 npx
 * vitest run specs-schema/corpus` and review the diff). The committed samples under `samples/` run everywhere, and
 * are checked against the corpus when it is present.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../check';
import { fileKind } from '../file-kind';
import { fileStats, parseFile, serializeFile } from '../parse-file';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const corpus = process.env.KEEL_KIRO_CORPUS_V1 ?? join(repoRoot, '..', 'shared', 'kiro-corpus-v1');
const samples = join(import.meta.dirname, 'samples');
const snapshotFile = join(import.meta.dirname, 'corpus-v1-stats.snapshot.json');
const present = existsSync(join(corpus, 'MANIFEST.tsv'));

/** Manifest kinds of spec files and the kind Keel gives them; hooks, agents, skills… belong to other readers. */
const SPEC_KINDS: Record<string, string> = { requirements: 'requirements', design: 'design', tasks: 'tasks', bugfix: 'bugfix', 'spec-config': 'config', 'tasks-meta': 'tasks-meta' };

function manifest(dir: string): { file: string; kind: string }[] {
  const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return rows.map((row) => {
    const [repo = '', , path = '', , kind = ''] = row.split('\t');
    return { file: `${repo.replace('/', '__')}/${path}`, kind: kind.trim() };
  });
}

/** Samples store `.kiro` as `kiro` (see samples/README.md). */
const samplePath = (file: string) => join(samples, file.replace('/.kiro/', '/kiro/'));

function roundTrips(file: string, bytes: Buffer): boolean {
  return Buffer.from(serializeFile(parseFile(file, bytes.toString('utf8'))), 'utf8').equals(bytes);
}

describe('committed samples of the Kiro 1.0 corpus', () => {
  const files = manifest(samples);

  it('cover every localized kind the tests read', () => {
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(['requirements', 'tasks', 'spec-config', 'tasks-meta']));
  });

  it('round-trip byte for byte and parse without a diagnostic', () => {
    for (const { file } of files) {
      const bytes = readFileSync(samplePath(file));
      expect(roundTrips(file, bytes), file).toBe(true);
      expect(parseFile(file, bytes.toString('utf8')).diagnostics, file).toEqual([]);
    }
  });

  it.runIf(present)('are byte-identical to the shared corpus', () => {
    for (const { file } of files) expect(readFileSync(samplePath(file)).equals(readFileSync(join(corpus, file))), file).toBe(true);
  });
});

describe('Kiro 1.0 corpus', () => {
  if (!present) {
    const message = `Kiro 1.0 corpus not found at ${corpus} (set KEEL_KIRO_CORPUS_V1 to its folder).`;
    if (process.env.CI === 'true') {
      it('is present in CI', () => {
        throw new Error(message);
      });
    } else {
      console.warn(`${message} Only the committed samples are checked.`);
      it.skip(message, () => {});
    }
    return;
  }
  const all = manifest(corpus);
  const specFiles = all.filter((m) => m.kind in SPEC_KINDS);

  it('has files to check', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(specFiles.length).toBeGreaterThan(40);
  });

  it('every file round-trips byte for byte', () => {
    expect(all.filter(({ file }) => !roundTrips(file, readFileSync(join(corpus, file)))).map((m) => m.file)).toEqual([]);
  });

  it('classifies every spec file as the manifest does', () => {
    expect(specFiles.filter((m) => fileKind(m.file) !== SPEC_KINDS[m.kind]).map((m) => `${m.file}: ${fileKind(m.file)} ≠ ${m.kind}`)).toEqual([]);
  });

  it('spec files Kiro accepts parse without a diagnostic, and checking them finds no error', () => {
    const texts = specFiles.map((m) => ({ path: m.file, text: readFileSync(join(corpus, m.file), 'utf8') }));
    const parseProblems = texts.flatMap((f) => parseFile(f.path, f.text).diagnostics.map((d) => `${f.path}:${d.line + 1} ${d.code}`));
    expect(parseProblems).toEqual([]);
    expect(checkFiles(texts).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line + 1} ${d.code}`)).toEqual([]);
  });

  it('counts match the committed snapshot', () => {
    const actual = specFiles.map((m) => fileStats(m.file, readFileSync(join(corpus, m.file), 'utf8'))).sort((a, b) => (a.file < b.file ? -1 : 1));
    if (process.env.KEEL_UPDATE_SNAPSHOTS === '1') writeFileSync(snapshotFile, '[\n' + actual.map((s) => '  ' + JSON.stringify(s)).join(',\n') + '\n]\n');
    if (!existsSync(snapshotFile)) throw new Error(`${snapshotFile} is missing; create it with KEEL_UPDATE_SNAPSHOTS=1`);
    const expected = readFileSync(snapshotFile, 'utf8');
    expect('[\n' + actual.map((s) => '  ' + JSON.stringify(s)).join(',\n') + '\n]\n', 'corpus counts changed; if intended, regenerate with KEEL_UPDATE_SNAPSHOTS=1').toBe(expected);
  });
});
