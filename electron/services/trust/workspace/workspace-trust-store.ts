import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Disposable } from '../../../base/disposable';
import { JsonStateFile } from '../json-state-file';
import { isGuardedFile, listGuardedFiles } from './guarded-files';

const Approval = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), approvedAt: z.string() });
const FolderEntry = z.object({ trustedAt: z.string(), approvals: z.record(z.string(), Approval) });
const TrustFile = z.object({
  version: z.literal(1),
  folders: z.record(z.string(), FolderEntry),
  /** Folders the user chose to keep in restricted mode (so the first-open question is not asked again). */
  restricted: z.record(z.string(), z.object({ decidedAt: z.string() })).optional(),
});
type TrustFile = z.infer<typeof TrustFile>;

export type GuardedFileState =
  /** Unchanged since the user approved it. */
  | { state: 'approved' }
  /** Never approved (created after the folder was trusted). */
  | { state: 'new'; current: string }
  /** Changed since approval: `diff` is a unified diff from the approved to the current content. */
  | { state: 'changed'; current: string; diff: string }
  /** The file does not exist (nothing to run, nothing to approve). */
  | { state: 'missing' };

/** What the user decided for a folder; `undecided` folders are asked on open. */
export type TrustDecision = 'trusted' | 'restricted' | 'undecided';

export interface TrustChange {
  folder: string;
  /** The guarded file concerned, or undefined when the folder's trust itself changed. */
  file?: string;
}

/**
 * Which folders the user trusts, and which content of their hook files and mcp.json the user approved — kept in
 * the user data dir (never in the repo, where a commit could grant itself trust). Approved content is kept by
 * hash so that a later change (by a `git pull`, the agent, or anyone) is caught and shown as a diff.
 */
export class WorkspaceTrustStore {
  private listeners = new Set<(change: TrustChange) => void>();

  private constructor(
    private readonly file: JsonStateFile<TrustFile>,
    private readonly blobDir: string,
    private data: TrustFile,
    /** Set when the stored decisions could not be read (they were moved aside; nothing is trusted). */
    readonly loadProblem: string | undefined,
  ) {}

  static async open(userDataDir: string): Promise<WorkspaceTrustStore> {
    const dir = path.join(userDataDir, 'trust');
    const file = new JsonStateFile(path.join(dir, 'workspace-trust.json'), TrustFile, (): TrustFile => ({ version: 1, folders: {} }));
    const loaded = await file.load();
    return new WorkspaceTrustStore(file, path.join(dir, 'approved'), loaded.value, loaded.problem);
  }

  onDidChange(listener: (change: TrustChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Folders are keyed by their real path, so a symlink or `..` cannot dodge (or borrow) a decision. */
  async key(folder: string): Promise<string> {
    const resolved = path.resolve(folder);
    return realpath(resolved).catch(() => resolved);
  }

  async isTrusted(folder: string): Promise<boolean> {
    return this.data.folders[await this.key(folder)] !== undefined;
  }

  /**
   * The decision for a folder given by its real path (a workbench root already is one): synchronous, so hot paths
   * (every agent command) need no file-system call.
   */
  decisionFor(realFolder: string): TrustDecision {
    if (this.data.folders[realFolder]) return 'trusted';
    return this.data.restricted?.[realFolder] ? 'restricted' : 'undecided';
  }

  trustedFolders(): string[] {
    return Object.keys(this.data.folders).sort();
  }

  /** Trusts the folder and approves its hook files and mcp.json as they are now (what the user just looked at). */
  async trust(folder: string): Promise<void> {
    const key = await this.key(folder);
    const approvals: TrustFile['folders'][string]['approvals'] = {};
    for (const rel of await listGuardedFiles(key)) {
      const content = await readFile(path.join(key, rel), 'utf8');
      approvals[rel] = { sha256: await this.keepBlob(content), approvedAt: new Date().toISOString() };
    }
    const restricted = { ...this.data.restricted };
    delete restricted[key];
    this.data = { ...this.data, folders: { ...this.data.folders, [key]: { trustedAt: new Date().toISOString(), approvals } }, restricted };
    await this.file.save(this.data);
    this.emit({ folder: key });
  }

  /** Withdraws trust: the folder goes back to undecided (asked again on the next open). */
  async untrust(folder: string): Promise<void> {
    const key = await this.key(folder);
    if (!this.data.folders[key]) return;
    const folders = { ...this.data.folders };
    delete folders[key];
    this.data = { ...this.data, folders };
    await this.file.save(this.data);
    this.emit({ folder: key });
  }

  /** Keeps the folder in restricted mode (withdrawing trust if it had it) and remembers that the user chose so. */
  async restrict(folder: string): Promise<void> {
    const key = await this.key(folder);
    if (this.data.restricted?.[key] && !this.data.folders[key]) return;
    const folders = { ...this.data.folders };
    delete folders[key];
    this.data = { ...this.data, folders, restricted: { ...this.data.restricted, [key]: { decidedAt: new Date().toISOString() } } };
    await this.file.save(this.data);
    this.emit({ folder: key });
  }

  /**
   * Approves a guarded file's content. Pass the exact content the user saw in the approval dialog: if the file
   * changed again in between, what runs is checked against what was shown, not against what happens to be there.
   */
  async approveFile(folder: string, rel: string, content?: string): Promise<void> {
    const key = await this.key(folder);
    const entry = this.data.folders[key];
    if (!entry) throw new Error(`Trust the folder ${key} before approving its files.`);
    const name = normalizeRel(rel);
    if (!isGuardedFile(name)) throw new Error(`${name} is not a hook file or mcp.json; it needs no approval.`);
    const text = content ?? (await readFile(path.join(key, name), 'utf8'));
    const sha256 = await this.keepBlob(text);
    const approvals = { ...entry.approvals, [name]: { sha256, approvedAt: new Date().toISOString() } };
    this.data = { ...this.data, folders: { ...this.data.folders, [key]: { ...entry, approvals } } };
    await this.file.save(this.data);
    this.emit({ folder: key, file: name });
  }

  /** Whether the guarded file may be used as it is on disk now (false in an untrusted folder: nothing may). */
  async needsApproval(folder: string, rel: string): Promise<boolean> {
    const state = await this.fileState(folder, rel);
    return state.state === 'new' || state.state === 'changed' || !(await this.isTrusted(folder));
  }

  /** Checks content given by the caller (the text a loader already read), so check and use see the same bytes. */
  async isApprovedContent(folder: string, rel: string, content: string): Promise<boolean> {
    const entry = this.data.folders[await this.key(folder)];
    const approval = entry?.approvals[normalizeRel(rel)];
    return approval !== undefined && approval.sha256 === sha256(content);
  }

  async fileState(folder: string, rel: string): Promise<GuardedFileState> {
    const key = await this.key(folder);
    const name = normalizeRel(rel);
    let current: string;
    try {
      current = await readFile(path.join(key, name), 'utf8');
    } catch {
      return { state: 'missing' };
    }
    const approval = this.data.folders[key]?.approvals[name];
    if (!approval) return { state: 'new', current };
    if (approval.sha256 === sha256(current)) return { state: 'approved' };
    const before = await readFile(path.join(this.blobDir, approval.sha256), 'utf8').catch(() => '');
    const diff = createTwoFilesPatch(`${name} (approved)`, `${name} (now)`, before, current, undefined, undefined, { context: 3 });
    return { state: 'changed', current, diff };
  }

  /** The unified diff from the approved content to the current one, or null when nothing changed. */
  async diffSinceApproval(folder: string, rel: string): Promise<string | null> {
    const state = await this.fileState(folder, rel);
    return state.state === 'changed' ? state.diff : null;
  }

  /** Guarded files of a trusted folder that need approval now (new or changed). */
  async pendingApprovals(folder: string): Promise<string[]> {
    const key = await this.key(folder);
    if (!this.data.folders[key]) return [];
    const out: string[] = [];
    for (const rel of await listGuardedFiles(key)) {
      const s = await this.fileState(key, rel);
      if (s.state === 'new' || s.state === 'changed') out.push(rel);
    }
    return out;
  }

  /** Content-addressed copy of approved text, so a later diff can show what was approved. */
  private async keepBlob(content: string): Promise<string> {
    const hash = sha256(content);
    await mkdir(this.blobDir, { recursive: true });
    await writeFileAtomic(path.join(this.blobDir, hash), content, { fsync: true });
    return hash;
  }

  private emit(change: TrustChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function normalizeRel(rel: string): string {
  return path.posix.normalize(rel.split(path.sep).join('/')).replace(/^\.\//, '');
}
