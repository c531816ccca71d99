/**
 * Files the agent's file tools never write, whatever the mode or the permission rules: a repository's git data
 * (`.git/config` can name programs git runs — `core.fsmonitor`, filter drivers — and Keel runs git) and the files
 * that decide what Keel and Kiro run or allow (`.kiro/hooks/**`, `.kiro/settings/**` with mcp.json and
 * permissions.yaml, `.vscode/**` tasks and settings). Compared case-insensitively: on macOS and Windows `.GIT/config`
 * is the same file.
 */
const ANYWHERE = ['.git'];
const AT_ROOT = ['.kiro/hooks', '.kiro/settings', '.vscode'];

/** The protected area a workspace-relative path falls in, or `undefined`. */
export function protectedArea(path: string): string | undefined {
  const p = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').toLowerCase();
  const segments = p.split('/');
  if (segments.some((s) => ANYWHERE.includes(s))) return '.git/';
  for (const area of AT_ROOT) if (p === area || p.startsWith(`${area}/`)) return `${area}/`;
  return undefined;
}

export function protectedRefusal(path: string, area: string): string {
  return `${path} is in ${area}, which Keel's agent never writes (git data and Keel's/Kiro's control files decide what runs). Tell the user what to change there; they can edit it themselves.`;
}
