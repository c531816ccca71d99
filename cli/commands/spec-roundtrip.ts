/** `keel spec roundtrip <file|dir>...`: proves parse → serialize gives every file back byte for byte. */
import { readFileSync } from 'node:fs';
import { parseFile, serializeFile } from '../../specs-schema';
import { EXIT, UsageError, type Command } from '../command';
import { collectFiles } from '../files';

export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export const specRoundtrip: Command = {
  path: ['spec', 'roundtrip'],
  summary: 'Check that every Kiro file survives parse → serialize unchanged',
  usage: 'spec roundtrip <file|dir>...',
  help: `Parses each file with Keel's model and serializes it again. Prints each file whose bytes differ with the
offset of the first differing byte, then a summary. Exit code 1 when any file differs.`,
  options: {},
  run({ positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one file or directory');
    const files = collectFiles(positionals, io.cwd);
    let differ = 0;
    for (const f of files) {
      const bytes = readFileSync(f.absolute);
      const back = Buffer.from(serializeFile(parseFile(f.relative, bytes.toString('utf8'))), 'utf8');
      const at = firstDifference(bytes, back);
      if (at >= 0) {
        differ++;
        io.out(`${f.display}: differs from byte ${at}`);
      }
    }
    io.err(`${files.length} file(s) checked, ${differ} differ.`);
    return differ ? EXIT.findings : EXIT.ok;
  },
};
