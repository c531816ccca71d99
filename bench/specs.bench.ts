/**
 * specs-schema benchmarks: parse + serialize of a generated 5,000-task tasks.md (goal < 20 ms), a generated 2 MB
 * requirements.md, and every file of the shared Kiro corpus. Each figure is the median of 30 runs after 30 warm-up
 * runs (steady state: the IDE re-parses a document on every edit); the cold first parse is reported beside it; file reading and generation are outside the timed part. `baseline` is the raw primitive on the same
 * input in the same run — splitting the text into lines and joining them again — and `ratio` = value / baseline,
 * which stays comparable when the machine is busy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFile, parseRequirements, parseTasks, serializeFile, serializeRequirements, serializeTasks } from '../specs-schema';
import { report, wanted } from './report';

function median(run: () => void, runs = 30, warmup = 30): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** The raw primitive: split into lines and join back (what any line-based round trip must at least do). */
function rawLines(text: string): string {
  return text.split('\n').join('\n');
}

function figure(name: string, value: number, baseline: number): void {
  report({ name, value, unit: 'ms', baseline, ratio: value / baseline });
}

function generatedTasks(count: number): string {
  const lines = ['# Implementation Plan', ''];
  let n = 0;
  for (let top = 1; n < count; top++) {
    lines.push(`- [${top % 3 === 0 ? 'x' : ' '}] ${top}. Implement component ${top}`, `  - Write the module for component ${top}`, `  - _Requirements: ${top}.1, ${top}.2_`);
    n++;
    for (let sub = 1; sub <= 4 && n < count; sub++, n++) {
      lines.push(`  - [${sub % 2 ? 'x' : '-'}]${sub === 4 ? '*' : ''} ${top}.${sub} Sub-task ${sub} of ${top}`, `    - Detail for ${top}.${sub}`, `    - _Requirements: ${top}.${sub}_`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function generatedRequirements(bytes: number): string {
  const parts = ['# Requirements Document', '', '## Introduction', '', 'Generated for the benchmark.', '', '## Requirements', ''];
  let size = 0;
  for (let r = 1; size < bytes; r++) {
    const block = [
      `### Requirement ${r}: Capability number ${r}`,
      '',
      `**User Story:** As a user, I want capability ${r}, so that the product does what I need in case ${r}.`,
      '',
      '#### Acceptance Criteria',
      '',
      ...Array.from({ length: 6 }, (_, k) => `${k + 1}. WHEN the user triggers event ${r}.${k + 1} THEN THE System SHALL respond with outcome ${k + 1} and record it in the audit log.`),
      '',
    ].join('\n');
    parts.push(block);
    size += block.length;
  }
  return parts.join('\n');
}

if (wanted('specs.tasks5000')) {
  const text = generatedTasks(5000);
  // The very first parse in a fresh process (cold JIT), as when a user first opens a big tasks.md.
  const t0 = performance.now();
  const check = parseTasks(text);
  const firstSerialized = serializeTasks(check);
  report({ name: 'specs.tasks5000_first_ms', value: performance.now() - t0, unit: 'ms' });
  if (check.all.length !== 5000 || firstSerialized !== text) throw new Error('tasks benchmark input is not what it claims');
  figure('specs.tasks5000_ms', median(() => serializeTasks(parseTasks(text))), median(() => rawLines(text)));
}

if (wanted('specs.requirements2mb_ms')) {
  const text = generatedRequirements(2 * 1024 * 1024);
  const check = parseRequirements(text);
  if (serializeRequirements(check) !== text) throw new Error('requirements benchmark round trip failed');
  figure('specs.requirements2mb_ms', median(() => serializeRequirements(parseRequirements(text)), 9, 3), median(() => rawLines(text), 9, 3));
}

if (wanted('specs.corpus_ms')) {
  const corpus = process.env.KEEL_KIRO_CORPUS ?? resolve(import.meta.dirname, '..', '..', 'shared', 'kiro-corpus');
  const manifest = join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) {
    console.error(`specs.corpus_ms skipped: no Kiro corpus at ${corpus} (set KEEL_KIRO_CORPUS).`);
  } else {
    const files = readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean).map((row) => {
      const [repo = '', , path = ''] = row.split('\t');
      const file = `${repo.replace('/', '__')}/${path}`;
      return { file, text: readFileSync(join(corpus, file), 'utf8') };
    });
    figure('specs.corpus_ms', median(() => files.forEach((f) => serializeFile(parseFile(f.file, f.text))), 9, 3), median(() => files.forEach((f) => rawLines(f.text)), 9, 3));
  }
}
