import { readlink } from 'node:fs/promises';
import { ConfinedFs } from '../../../base/node/confine';
import { KeelError, type GitDiffSide, type GitFileDiff } from '../../../protocol';
import type { GitRepo } from './git-repo';
import { GitRunner, gitFailure } from './git-runner';
import { hunkPatch, splitDiff } from './hunks';

/** Larger files are not shown in the diff editor (whole-file staging still works). */
const MAX_DIFF_BYTES = 5 * 1024 * 1024;

// Fixed diff output whatever the user's config says (noprefix, mnemonicPrefix, color.ui=always, diff.relative).
const DIFF_ARGS = ['diff', '--no-color', '--no-ext-diff', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/'];

/** A file's text at HEAD (`rev` 'HEAD') or in the index (`rev` ''); undefined when it has none there. */
export async function showAt(repo: GitRepo, rev: 'HEAD' | '', rel: string): Promise<string | undefined> {
  try {
    return await repo.git.run(['show', `${rev}:./${repo.relative(rel)}`]);
  } catch {
    return undefined;
  }
}

function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

/** The texts and hunks for the diff editor: index ↔ working tree ('changes') or HEAD ↔ index ('staged'). */
export async function fileDiff(repo: GitRepo, rel: string, side: GitDiffSide): Promise<GitFileDiff> {
  repo.relative(rel);
  const status = await repo.status();
  const entry = (side === 'staged' ? status.staged : [...status.changes, ...status.conflicts]).find((c) => c.path === rel);
  if (!entry) throw new KeelError('NOT_FOUND', `${rel} has no ${side === 'staged' ? 'staged ' : ''}changes`);
  const labels =
    side === 'staged' ? { originalLabel: `${rel} (HEAD)`, modifiedLabel: `${rel} (Index)` } : { originalLabel: `${rel} (Index)`, modifiedLabel: `${rel} (Working Tree)` };
  const base: GitFileDiff = { path: rel, side, original: '', modified: '', hunks: [], hunksApply: false, ...labels };
  const size = side === 'changes' ? await repo.sizeOf(rel) : undefined;
  if (size !== undefined && size > MAX_DIFF_BYTES) return { ...base, notShown: `The file is larger than ${MAX_DIFF_BYTES / 1024 / 1024} MB.` };
  const originalPath = entry.from && !entry.from.startsWith('../') ? entry.from : rel;
  const original = (await showAt(repo, side === 'staged' ? 'HEAD' : '', originalPath)) ?? (side === 'changes' ? ((await showAt(repo, 'HEAD', rel)) ?? '') : '');
  const modified =
    side === 'staged'
      ? ((await showAt(repo, '', rel)) ?? '')
      : await workingTreeText(repo.location.folder, rel);
  if (isBinary(original) || isBinary(modified)) return { ...base, notShown: 'Binary file.' };
  const hunksApply = entry.kind === 'modified';
  const hunks = hunksApply ? splitDiff(await rawDiff(repo, rel, side)).hunks.map(({ text: _text, ...h }) => h) : [];
  return { ...base, original, modified, hunks, hunksApply };
}

/**
 * The working-tree side as git sees it: a symlink is its target path (git stores links as that text, never the
 * file they lead to — which may be outside the workspace); a file is read through the confinement.
 */
async function workingTreeText(folder: string, rel: string): Promise<string> {
  try {
    const disk = await ConfinedFs.open(folder);
    const info = await disk.stat(rel, false);
    if (info.isSymbolicLink()) return await readlink((await disk.resolve(rel, false)).real);
    return (await disk.readFile(rel)).bytes?.toString('utf8') ?? '';
  } catch {
    return '';
  }
}

async function rawDiff(repo: GitRepo, rel: string, side: GitDiffSide): Promise<string> {
  const args = side === 'staged' ? [...DIFF_ARGS, '--cached', '--', rel] : [...DIFF_ARGS, '--', rel];
  return repo.git.run(args).catch((e: unknown) => {
    throw gitFailure(e, 'IO');
  });
}

/**
 * Moves one hunk between the working tree and the index: 'changes' stages it, 'staged' unstages it. The hunk is
 * named by index and fingerprint; if the file changed since the renderer's diff, the fingerprint no longer matches
 * and the request is refused (CONFLICT) rather than applying some other hunk.
 */
export async function applyHunk(repo: GitRepo, rel: string, side: GitDiffSide, index: number, id: string): Promise<void> {
  repo.relative(rel);
  const split = splitDiff(await rawDiff(repo, rel, side));
  const hunk = split.hunks[index];
  if (!hunk || hunk.id !== id) throw new KeelError('CONFLICT', `${rel} changed since the diff was shown; look at the new diff and try again`);
  // git apply resolves the patch's a/ b/ paths from the top of the repository, not from the workspace sub-folder.
  const top = new GitRunner(repo.location.top);
  const args = ['apply', '--cached', '--whitespace=nowarn', ...(side === 'staged' ? ['--reverse'] : []), '-'];
  await top.run(args, { input: hunkPatch(split, hunk) }).catch((e: unknown) => {
    throw gitFailure(e, 'CONFLICT', 'The hunk could not be applied: ');
  });
}
