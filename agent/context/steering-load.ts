/**
 * Finding steering: `.kiro/steering/*.md` in the workspace, `~/.kiro/steering/*.md` for the user (a workspace file
 * with the same name wins), and `AGENTS.md` at the workspace root. Unreadable files become problems, never throws.
 */
import { parseSteering, type SteeringDoc } from '../../specs-schema';
import type { ContextPorts, ContextProblem } from './ports';

export type SteeringSource = 'workspace' | 'user' | 'agents';

export interface SteeringEntry {
  /** Path below the steering folder without `.md` (what `#name` refers to; `languages/ts` also answers to `#ts`); `AGENTS` for AGENTS.md. */
  name: string;
  source: SteeringSource;
  /** Workspace-relative for workspace files and AGENTS.md; the user port's display path for user files. */
  path: string;
  text: string;
  doc: SteeringDoc;
}

export const WORKSPACE_STEERING_DIR = '.kiro/steering';

export async function loadSteering(ports: ContextPorts, problems: ContextProblem[] = []): Promise<SteeringEntry[]> {
  const workspace = await loadWorkspaceSteering(ports, problems);
  const taken = new Set(workspace.map((e) => e.name.toLowerCase()));
  const user = (await loadUserSteering(ports, problems)).filter((e) => !taken.has(e.name.toLowerCase()));
  const agents = await loadAgentsFile(ports, problems);
  return [...workspace, ...user, ...(agents ? [agents] : [])];
}

export async function loadWorkspaceSteering(ports: ContextPorts, problems: ContextProblem[] = []): Promise<SteeringEntry[]> {
  const stat = await ports.workspace.stat(WORKSPACE_STEERING_DIR).catch(() => undefined);
  if (stat?.type !== 'directory') return [];
  // Sub-folders too: projects group steering (`languages/typescript.md`) and give those files their own inclusion.
  const paths: string[] = [];
  try {
    for await (const p of ports.workspace.walk(WORKSPACE_STEERING_DIR)) if (isMarkdown(p)) paths.push(p);
  } catch (e) {
    problems.push({ code: 'steering/unreadable', path: WORKSPACE_STEERING_DIR, message: `${WORKSPACE_STEERING_DIR} could not be listed: ${e instanceof Error ? e.message : String(e)}` });
  }
  const out: SteeringEntry[] = [];
  for (const path of paths.sort(compareNames)) {
    const text = await read(() => ports.workspace.readFile(path), path, problems);
    if (text !== undefined) out.push(entry(stripMd(path.slice(WORKSPACE_STEERING_DIR.length + 1)), 'workspace', path, text));
  }
  return out;
}

export async function loadUserSteering(ports: ContextPorts, problems: ContextProblem[] = []): Promise<SteeringEntry[]> {
  const port = ports.userSteering;
  if (!port) return [];
  const names = await port.list().catch(() => []);
  const out: SteeringEntry[] = [];
  for (const name of names.filter(isMarkdown).sort(compareNames)) {
    const path = port.displayPath(name);
    const text = await read(() => port.read(name), path, problems);
    if (text !== undefined) out.push(entry(stripMd(name), 'user', path, text));
  }
  return out;
}

export async function loadAgentsFile(ports: ContextPorts, problems: ContextProblem[] = []): Promise<SteeringEntry | undefined> {
  const stat = await ports.workspace.stat('AGENTS.md').catch(() => undefined);
  if (stat?.type !== 'file') return undefined;
  const text = await read(() => ports.workspace.readFile('AGENTS.md'), 'AGENTS.md', problems);
  return text === undefined ? undefined : { name: 'AGENTS', source: 'agents', path: 'AGENTS.md', text, doc: parseSteering(text, 'agents') };
}

function entry(name: string, source: SteeringSource, path: string, text: string): SteeringEntry {
  return { name, source, path, text, doc: parseSteering(text, 'steering') };
}

async function read(fn: () => Promise<string>, path: string, problems: ContextProblem[]): Promise<string | undefined> {
  try {
    return await fn();
  } catch (e) {
    problems.push({ code: 'steering/unreadable', path, message: `Steering file ${path} could not be read: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
}

const isMarkdown = (name: string): boolean => /\.md$/i.test(name);
const stripMd = (name: string): string => name.replace(/\.md$/i, '');
/** Byte order, not locale order: the system blocks must come out the same on every machine. */
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
