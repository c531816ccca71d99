/**
 * The user's own steering folder, `~/.kiro/steering`: shared by every workspace, outside any of them. Only plain
 * `*.md` names directly inside it are accepted, so a request can never reach another file.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { KeelError } from '../../../protocol';
import type { UserSteeringPort } from '../../../agent/context';

export const defaultUserSteeringDir = (): string => join(homedir(), '.kiro', 'steering');

export class UserSteeringDir implements UserSteeringPort {
  constructor(readonly dir: string) {}

  async list(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile() && /\.md$/i.test(e.name)).map((e) => e.name).sort();
  }

  read(name: string): Promise<string> {
    return readFile(this.path(name), 'utf8');
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.path(name), text, { encoding: 'utf8', fsync: true });
  }

  displayPath(name: string): string {
    return `~/.kiro/steering/${name}`;
  }

  private path(name: string): string {
    if (!/^[^/\\]+\.md$/i.test(name) || name.startsWith('.')) throw new KeelError('BAD_REQUEST', `${JSON.stringify(name)} is not a steering file name`);
    return join(this.dir, name);
  }
}
