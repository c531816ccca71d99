import { mkdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { FilePermissions } from '../../../agent';
import type { Diagnostic } from '../../../specs-schema';
import { addPermissionRule, parsePermissions, type NewPermissionRule, type PermissionCapability } from '../../../specs-schema/permissions';
import { decide, describeRule, isCatchAll, ruleMatches, type PermissionDecision, type PermissionScope, type PermissionSource } from './engine';

export const WORKSPACE_PERMISSIONS = '.kiro/settings/permissions.yaml';
export const defaultUserPermissionsFile = (): string => path.join(os.homedir(), '.kiro', 'settings', 'permissions.yaml');

/** The rules of both scopes as read at one moment; decisions over it are synchronous (file tools filter lists). */
export class PermissionsSnapshot {
  constructor(readonly sources: readonly PermissionSource[]) {}

  decide(capability: PermissionCapability, resource: string): PermissionDecision | undefined {
    return decide(this.sources, capability, resource);
  }

  /** Problems of each file (a broken file applies no rule until fixed). */
  problems(): { file: string; diagnostics: Diagnostic[] }[] {
    return this.sources.filter((s) => s.doc.diagnostics.length > 0).map((s) => ({ file: s.file, diagnostics: s.doc.diagnostics }));
  }

  /** The agent's file-tool port over these rules. */
  filePermissions(): FilePermissions {
    return {
      decide: (capability, p) => {
        const d = this.decide(capability, p);
        return d ? { effect: d.effect, rule: describeRule(d.rule) } : undefined;
      },
      // Only the user's own file, and only a rule that names files: `fs_read: allow` for everything (common in
      // shared configs) must not quietly hand `.env` to the model.
      userAllowsSecret: (p) =>
        this.sources.some(
          (s) =>
            s.scope === 'user' &&
            s.doc.rules.some((r) => r.capability === 'fs_read' && r.effect === 'allow' && r.match?.some((m) => !isCatchAll(m)) && ruleMatches({ ...r, match: r.match.filter((m) => !isCatchAll(m)) }, 'fs_read', p)),
        ),
    };
  }
}

interface Cached {
  key: string;
  source: PermissionSource | undefined;
}

/**
 * Kiro's permissions for one open folder: `.kiro/settings/permissions.yaml` (workspace scope) and
 * `~/.kiro/settings/permissions.yaml` (user scope). Files are re-read when their size or time changes, and written
 * ("Always allow") with the smallest edit, atomically.
 */
export class PermissionsService {
  private readonly cache = new Map<PermissionScope, Cached>();
  private latest = new PermissionsSnapshot([]);
  private readonly files: Record<PermissionScope, { abs: string; shown: string }>;

  constructor(root: string, userFile = defaultUserPermissionsFile()) {
    this.files = {
      workspace: { abs: path.join(root, WORKSPACE_PERMISSIONS), shown: WORKSPACE_PERMISSIONS },
      user: { abs: userFile, shown: userFile.startsWith(os.homedir() + path.sep) ? `~/${path.relative(os.homedir(), userFile).split(path.sep).join('/')}` : userFile },
    };
  }

  /** The rules as last read (what synchronous callers use between refreshes). */
  current(): PermissionsSnapshot {
    return this.latest;
  }

  /** Re-reads the files that changed; cheap when none did (two stats). */
  async snapshot(): Promise<PermissionsSnapshot> {
    const sources: PermissionSource[] = [];
    for (const scope of ['workspace', 'user'] as const) {
      const source = await this.load(scope);
      if (source) sources.push(source);
    }
    if (sources.length !== this.latest.sources.length || sources.some((s, i) => s !== this.latest.sources[i])) this.latest = new PermissionsSnapshot(sources);
    return this.latest;
  }

  fileOf(scope: PermissionScope): string {
    return this.files[scope].shown;
  }

  /** Adds a rule to the scope's file (created if missing); refuses, changing nothing, when the file cannot be read. */
  async addRule(scope: PermissionScope, rule: NewPermissionRule): Promise<{ file: string }> {
    const { abs, shown } = this.files[scope];
    const text = await readFile(abs, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    const edit = addPermissionRule(text, rule);
    if (edit.diagnostics.length > 0) throw new Error(`${shown}: ${edit.diagnostics[0]!.message}`);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFileAtomic(abs, edit.text, { fsync: true });
    this.cache.delete(scope);
    await this.snapshot();
    return { file: shown };
  }

  private async load(scope: PermissionScope): Promise<PermissionSource | undefined> {
    const { abs, shown } = this.files[scope];
    const s = await stat(abs).catch(() => undefined);
    const key = s?.isFile() ? `${s.size}:${s.mtimeMs}:${s.ino}` : 'none';
    const cached = this.cache.get(scope);
    if (cached?.key === key) return cached.source;
    let source: PermissionSource | undefined;
    if (key !== 'none') {
      const text = await readFile(abs, 'utf8').catch(() => undefined);
      if (text !== undefined) source = { scope, file: shown, doc: parsePermissions(text) };
    }
    this.cache.set(scope, { key, source });
    return source;
  }
}
