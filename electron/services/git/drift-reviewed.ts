/**
 * "Mark reviewed" for spec drift, stored in the repository at `.kiro/keel/drift-reviewed.json` so the decision
 * travels with the code: commit it and `keel spec check` on a CI machine sees what the IDE sees. Kiro ignores the
 * folder (it reads specs/, steering/, hooks/, settings/), and Keel's spec discovery classifies it as "other".
 *
 * Each entry records, per task, the content hash of every file the task wrote and of every requirement it cites
 * at the moment of the review. The drift is cleared while those hashes still match; any later change to one of
 * them flags the task again. Hashes ignore line endings (CRLF checkouts on Windows hash like LF ones on CI).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfinedFs } from '../../../base/node/confine';
import { z } from 'zod';
import { KeelError } from '../../../protocol';
import type { Requirement } from '../../../specs-schema';
import { confine } from '../workspace/confine';

export const REVIEWED_FILE = '.kiro/keel/drift-reviewed.json';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const ReviewedTask = z.object({
  /** ISO time of the review: a later task run supersedes it. */
  reviewedAt: z.string(),
  /** Workspace-relative path → sha256 of its text at review time; null when the file did not exist. */
  files: z.record(z.string(), Hash.nullable()),
  /** Requirement id → sha256 of the requirement's text at review time; null when it did not exist. */
  requirements: z.record(z.string(), Hash.nullable()),
});
export type ReviewedTask = z.infer<typeof ReviewedTask>;

const ReviewedFile = z.object({
  version: z.literal(1),
  /** Key: `<spec dir>#<task id>`, e.g. `.kiro/specs/greetings#1.2`. */
  tasks: z.record(z.string(), ReviewedTask),
});
type ReviewedFile = z.infer<typeof ReviewedFile>;

export const reviewKey = (specDir: string, taskId: string): string => `${specDir}#${taskId}`;

export interface ReviewedState {
  tasks: ReadonlyMap<string, ReviewedTask>;
  /** Why the file could not be used (bad JSON, a merge conflict): drift then ignores it and says so. */
  problem?: string;
}

const NOTE = 'Keel: tasks whose spec drift was reviewed (content hashes at review time). Commit this file so keel spec check in CI agrees with the IDE.';

export async function readReviewed(root: string): Promise<ReviewedState> {
  let text: string;
  try {
    // Confined: a repository could make .kiro/keel a symlink that leads outside the folder.
    const { bytes } = await (await ConfinedFs.open(root)).readFile(REVIEWED_FILE);
    if (!bytes) throw new Error('not a regular file');
    text = bytes.toString('utf8');
  } catch (e) {
    // Outside the folder counts as absent: nothing is read there (and a write there is refused).
    if (['ENOENT', 'PATH_OUTSIDE_WORKSPACE'].includes(String((e as NodeJS.ErrnoException).code))) return { tasks: new Map() };
    return { tasks: new Map(), problem: `${REVIEWED_FILE} could not be read: ${(e as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { tasks: new Map(), problem: `${REVIEWED_FILE} is not valid JSON (${(e as Error).message}); reviewed drift is ignored until it is fixed.` };
  }
  const parsed = ReviewedFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { tasks: new Map(), problem: `${REVIEWED_FILE} has an unexpected shape at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'invalid'}; reviewed drift is ignored until it is fixed.` };
  }
  return { tasks: new Map(Object.entries(parsed.data.tasks)) };
}

/**
 * Records (or replaces) one task's review. Refuses to overwrite a file it cannot read, so a hand edit or a merge
 * conflict in it is never lost. Keys are written sorted, so two people reviewing different tasks merge cleanly.
 */
export async function writeReviewed(root: string, key: string, entry: ReviewedTask): Promise<void> {
  const current = await readReviewed(root);
  if (current.problem) throw new KeelError('CONFLICT', `${current.problem} Fix or delete the file, then mark the task reviewed again.`);
  const tasks = new Map(current.tasks);
  tasks.set(key, entry);
  const sorted = Object.fromEntries([...tasks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortEntry(v)]));
  const file: ReviewedFile & { '//': string } = { '//': NOTE, version: 1, tasks: sorted };
  // A repository could make .kiro/keel a symlink to anywhere: the file is written only inside the folder.
  // Through base/node/confine, which also opens what it checked (a link swapped in meanwhile is not followed).
  await confine(root, REVIEWED_FILE);
  try {
    const disk = await ConfinedFs.open(root);
    await disk.mkdirs(path.posix.dirname(REVIEWED_FILE));
    await disk.writeAtomic(REVIEWED_FILE, Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8'));
  } catch (e) {
    throw new KeelError('IO', `Could not write ${REVIEWED_FILE}: ${(e as Error).message}`);
  }
}

function sortEntry(e: ReviewedTask): ReviewedTask {
  const sortRecord = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { reviewedAt: e.reviewedAt, files: sortRecord(e.files), requirements: sortRecord(e.requirements) };
}

/** sha256 of a text with line endings normalised and trailing whitespace per line ignored. */
export function textHash(text: string): string {
  const normal = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
  return createHash('sha256').update(normal).digest('hex');
}

/** A workspace file's hash, or null when it does not exist (or cannot be read). */
export async function fileHash(root: string, rel: string): Promise<string | null> {
  const bytes = await readFile(path.join(root, rel)).catch(() => undefined);
  if (bytes === undefined) return null;
  return textHash(bytes.toString('utf8'));
}

/** The hash of one requirement's lines (heading to its last line) in requirements.md, or null when it is gone. */
export function requirementHash(lines: readonly string[], req: Requirement | undefined): string | null {
  if (!req) return null;
  return textHash(lines.slice(req.heading.line, req.endLine + 1).join('\n'));
}
