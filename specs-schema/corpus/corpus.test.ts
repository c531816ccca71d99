/**
 * Conformance over the shared corpus of real Kiro files: every file must round-trip byte for byte, and each file's
 * counts (the object `keel spec stats --json` prints) must match the committed snapshot, so a parser change that
 * moves a count shows up in review. Regenerate the snapshot with `KEEL_UPDATE_SNAPSHOTS=1 npx vitest run
 * specs-schema/corpus` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKind } from '../file-kind';
import { fileStats, parseFile, serializeFile } from '../parse-file';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const corpus = process.env.KEEL_KIRO_CORPUS ?? join(repoRoot, '..', 'shared', 'kiro-corpus');
const snapshotFile = join(import.meta.dirname, 'corpus-stats.snapshot.json');
const present = existsSync(join(corpus, 'MANIFEST.tsv'));

/** Corpus-relative paths of every file in the manifest (`<owner>__<repo>/<path>`). */
function corpusFiles(): { file: string; kind: string }[] {
  const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return rows.map((row) => {
    const [repo = '', , path = '', , kind = ''] = row.split('\t');
    return { file: `${repo.replace('/', '__')}/${path}`, kind: kind.trim() };
  });
}

describe('Kiro corpus', () => {
  if (!present) {
    const message = `Kiro corpus not found at ${corpus} (set KEEL_KIRO_CORPUS to its folder).`;
    if (process.env.CI === 'true') {
      it('is present in CI', () => {
        throw new Error(message);
      });
    } else {
      console.warn(`${message} Skipping corpus conformance.`);
      it.skip(message, () => {});
    }
    return;
  }
  const manifest = corpusFiles();
  const files = manifest.map((m) => m.file);

  it('classifies every file as the manifest does', () => {
    expect(manifest.filter((m) => fileKind(m.file) !== m.kind).map((m) => `${m.file}: ${fileKind(m.file)} ≠ ${m.kind}`)).toEqual([]);
  });

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(400);
  });

  it('every file round-trips byte for byte', () => {
    const differing: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(join(corpus, file));
      const text = bytes.toString('utf8');
      const back = Buffer.from(serializeFile(parseFile(file, text)), 'utf8');
      if (!back.equals(bytes)) differing.push(file);
    }
    expect(differing).toEqual([]);
  });

  it('counts match the committed snapshot', () => {
    const actual = files.map((file) => fileStats(file, readFileSync(join(corpus, file), 'utf8'))).sort((a, b) => (a.file < b.file ? -1 : 1));
    if (process.env.KEEL_UPDATE_SNAPSHOTS === '1') {
      writeFileSync(snapshotFile, '[\n' + actual.map((s) => '  ' + JSON.stringify(s)).join(',\n') + '\n]\n');
    }
    if (!existsSync(snapshotFile)) throw new Error(`${snapshotFile} is missing; create it with KEEL_UPDATE_SNAPSHOTS=1`);
    const expected = JSON.parse(readFileSync(snapshotFile, 'utf8')) as typeof actual;
    const byFile = new Map(expected.map((s) => [s.file, s]));
    const changes = actual.flatMap((s) => {
      const before = byFile.get(s.file);
      return JSON.stringify(before) === JSON.stringify(s) ? [] : [`${s.file}\n  snapshot: ${JSON.stringify(before)}\n  now:      ${JSON.stringify(s)}`];
    });
    const gone = expected.filter((s) => !actual.some((a) => a.file === s.file)).map((s) => `${s.file}: in the snapshot, no longer in the corpus`);
    expect([...changes, ...gone].join('\n'), 'corpus counts changed; if intended, regenerate with KEEL_UPDATE_SNAPSHOTS=1').toBe('');
  });
});
