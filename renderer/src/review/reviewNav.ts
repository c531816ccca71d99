/** Keyboard navigation through the hunks of a review: across files, wrapping around like VS Code's Alt+F5. */

export interface HunkPos {
  file: number;
  hunk: number;
}

interface FileLike {
  hunks: readonly { decision: string }[];
}

function flatten(files: readonly FileLike[]): HunkPos[] {
  return files.flatMap((f, file) => f.hunks.map((_, hunk) => ({ file, hunk })));
}

/** The next (step 1) or previous (step -1) hunk after `at`; from nowhere, the first or last. Null when none. */
export function stepHunk(files: readonly FileLike[], at: HunkPos | null, step: 1 | -1): HunkPos | null {
  const all = flatten(files);
  if (all.length === 0) return null;
  const index = at ? all.findIndex((p) => p.file === at.file && p.hunk === at.hunk) : -1;
  if (index === -1) {
    // Not on a hunk (e.g. the file was just selected): start from that file's first hunk, or the list's ends.
    const inFile = at ? all.find((p) => p.file === at.file) : undefined;
    if (inFile && step === 1) return inFile;
    return step === 1 ? all[0]! : all[all.length - 1]!;
  }
  return all[(index + step + all.length) % all.length]!;
}

/** After a decision: the next undecided hunk (searching forward, wrapping); null when every hunk is decided. */
export function nextUndecided(files: readonly FileLike[], at: HunkPos | null): HunkPos | null {
  const all = flatten(files);
  const start = at ? all.findIndex((p) => p.file === at.file && p.hunk === at.hunk) : -1;
  for (let i = 1; i <= all.length; i++) {
    const pos = all[(start + i + all.length) % all.length]!;
    if (files[pos.file]?.hunks[pos.hunk]?.decision === 'pending') return pos;
  }
  return null;
}

/** The commands (keys, palette) act on the review tab in front; it registers what they call. */
export interface ReviewController {
  step(direction: 1 | -1): void;
  decideCurrent(decision: 'accepted' | 'rejected'): void;
}

const controllers = new Map<string, ReviewController>();

export function registerReviewController(tab: string, controller: ReviewController): () => void {
  controllers.set(tab, controller);
  return () => {
    if (controllers.get(tab) === controller) controllers.delete(tab);
  };
}

export function reviewController(tab: string | null | undefined): ReviewController | undefined {
  return tab ? controllers.get(tab) : undefined;
}
