/**
 * Reads what a task's context is built from: the spec's requirements/bugfix/design documents and the workspace's
 * steering (`.kiro/steering/*.md` and a root `AGENTS.md`). Missing files are simply absent.
 */
import type { SpecFiles, SteeringFile } from './task-context';
import type { TasksFileAccess } from './task-state-file';

export interface RunnerWorkspace extends TasksFileAccess {
  readonly root: string;
  list(path: string): Promise<{ name: string; path: string; kind: string }[]>;
}

const STEERING_DIR = '.kiro/steering';

export async function readText(ws: RunnerWorkspace, path: string): Promise<string | undefined> {
  try {
    return (await ws.readFile(path)).content;
  } catch {
    return undefined;
  }
}

export async function readSteering(ws: RunnerWorkspace): Promise<SteeringFile[]> {
  const entries = await ws.list(STEERING_DIR).catch(() => []);
  const paths = entries.filter((e) => e.kind === 'file' && e.name.endsWith('.md')).map((e) => e.path);
  paths.push('AGENTS.md');
  const files = await Promise.all(paths.map(async (p) => ({ path: p, text: await readText(ws, p) })));
  return files.filter((f): f is SteeringFile => f.text !== undefined);
}

export async function readSpecFiles(ws: RunnerWorkspace, specDir: string): Promise<SpecFiles> {
  const out: SpecFiles = {};
  for (const name of ['requirements', 'bugfix', 'design'] as const) {
    const path = `${specDir}/${name}.md`;
    const text = await readText(ws, path);
    if (text !== undefined) out[name] = { path, text };
  }
  return out;
}
