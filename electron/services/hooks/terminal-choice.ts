import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Which runCommand hooks the user chose to run in a visible terminal rather than in the background (Kiro's way,
 * output only in the run log). A Keel setting kept in the user data directory, per folder and hook file — never
 * in the hook file: `.kiro/hooks/*.kiro.hook` stays exactly Kiro's format (Kiro and teammates read the same file),
 * and editing it would also make the hook need approval again. The choice is per machine, like a window layout.
 */
export class HookTerminalChoices {
  private cache: Promise<ChoicesFile> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    /** The folder the hooks belong to (absolute). */
    private readonly root: string,
  ) {}

  static forUserData(userDataDir: string, root: string): HookTerminalChoices {
    return new HookTerminalChoices(path.join(userDataDir, 'hook-terminals.json'), root);
  }

  /** Whether this hook (its workspace-relative file) runs its command in a visible terminal. */
  async inTerminal(hookId: string): Promise<boolean> {
    const data = await this.load();
    return data.folders[this.root]?.includes(hookId) ?? false;
  }

  /** The hooks of this folder that run in a terminal (for the Hooks pane). */
  async hooksInTerminal(): Promise<string[]> {
    return [...((await this.load()).folders[this.root] ?? [])];
  }

  async set(hookId: string, inTerminal: boolean): Promise<void> {
    const data = await this.load();
    const current = new Set(data.folders[this.root] ?? []);
    if (inTerminal) current.add(hookId);
    else current.delete(hookId);
    if (current.size) data.folders[this.root] = [...current].sort();
    else delete data.folders[this.root];
    const text = `${JSON.stringify(data, null, 2)}\n`;
    // Writes go one after another, each with the latest state.
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, text);
    });
    await this.writing;
  }

  private load(): Promise<ChoicesFile> {
    this.cache ??= readFile(this.file, 'utf8').then(parse, () => empty());
    return this.cache;
  }
}

interface ChoicesFile {
  version: 1;
  folders: Record<string, string[]>;
}

const empty = (): ChoicesFile => ({ version: 1, folders: {} });

/** A damaged or foreign file reads as "no choices" (every hook in the background) instead of failing the hook. */
function parse(text: string): ChoicesFile {
  try {
    const value: unknown = JSON.parse(text);
    const folders = (value as { folders?: unknown } | null)?.folders;
    if (!folders || typeof folders !== 'object' || Array.isArray(folders)) return empty();
    const clean: Record<string, string[]> = {};
    for (const [root, ids] of Object.entries(folders as Record<string, unknown>)) {
      if (Array.isArray(ids)) clean[root] = ids.filter((id): id is string => typeof id === 'string');
    }
    return { version: 1, folders: clean };
  } catch {
    return empty();
  }
}
