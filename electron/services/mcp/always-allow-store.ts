import path from 'node:path';
import { z } from 'zod';
import { JsonStateFile } from '../trust/json-state-file';

const Entry = z.object({ server: z.string(), tool: z.string(), fingerprint: z.string(), allowedAt: z.string() });
export type AlwaysAllowEntry = z.infer<typeof Entry>;

const FileSchema = z.object({ version: z.literal(1), folders: z.record(z.string(), z.array(Entry)) });
type FileShape = z.infer<typeof FileSchema>;

/**
 * "Always allow for this tool" answers, per folder, in the user data dir (`mcp/always-allowed.json`) — never in
 * the workspace's mcp.json: a repository must not be able to ship its own approvals, and Keel does not rewrite a
 * file the user (and workspace trust) approved. An entry holds the server's fingerprint (how it is launched), so
 * a server whose command or URL changed asks again.
 */
export class AlwaysAllowStore {
  private constructor(
    private readonly file: JsonStateFile<FileShape>,
    private data: FileShape,
    readonly problem: string | undefined,
  ) {}

  static async open(userDataDir: string): Promise<AlwaysAllowStore> {
    const file = new JsonStateFile(path.join(userDataDir, 'mcp', 'always-allowed.json'), FileSchema, () => ({ version: 1 as const, folders: {} }));
    const loaded = await file.load();
    return new AlwaysAllowStore(file, loaded.value, loaded.problem);
  }

  isAllowed(folder: string, server: string, tool: string, fingerprint: string): boolean {
    return (this.data.folders[folder] ?? []).some((e) => e.server === server && e.tool === tool && e.fingerprint === fingerprint);
  }

  list(folder: string): AlwaysAllowEntry[] {
    return [...(this.data.folders[folder] ?? [])];
  }

  async allow(folder: string, server: string, tool: string, fingerprint: string): Promise<void> {
    if (this.isAllowed(folder, server, tool, fingerprint)) return;
    // An older fingerprint of the same tool is replaced, not kept beside it.
    const rest = (this.data.folders[folder] ?? []).filter((e) => !(e.server === server && e.tool === tool));
    this.data = { ...this.data, folders: { ...this.data.folders, [folder]: [...rest, { server, tool, fingerprint, allowedAt: new Date().toISOString() }] } };
    await this.file.save(this.data);
  }

  async revoke(folder: string, server: string, tool: string): Promise<void> {
    const before = this.data.folders[folder] ?? [];
    const rest = before.filter((e) => !(e.server === server && e.tool === tool));
    if (rest.length === before.length) return;
    const folders = { ...this.data.folders, [folder]: rest };
    if (rest.length === 0) delete folders[folder];
    this.data = { ...this.data, folders };
    await this.file.save(this.data);
  }
}

const stores = new Map<string, Promise<AlwaysAllowStore>>();

/** One store per user data dir for the whole process (two windows of one folder share the answers). */
export function sharedAlwaysAllowStore(userDataDir: string): Promise<AlwaysAllowStore> {
  let store = stores.get(userDataDir);
  if (!store) {
    store = AlwaysAllowStore.open(userDataDir);
    store.catch(() => stores.delete(userDataDir));
    stores.set(userDataDir, store);
  }
  return store;
}
