import { randomUUID } from 'node:crypto';
import { KeelError, type SpecSummary } from '../../../protocol';
import { countTasks, discover, parseTasks, type DiscoveredSpec, type SpecType, type SpecWorkflow } from '../../../specs-schema';
import { starterFiles } from './templates';

/** What the spec service needs from the open folder (the workspace service in the app, fakes in tests). */
export interface SpecWorkspace {
  /** Every indexed file path (workspace-relative, gitignore honoured). */
  files(): Promise<string[]>;
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  createFile(path: string, content: string): Promise<void>;
}

const SPECS_ROOT = '.kiro/specs';

/** Specs of the workspace as the Specs view lists them: discovery over the file index plus task progress. */
export async function listSpecs(ws: SpecWorkspace): Promise<SpecSummary[]> {
  const files = await ws.files();
  const candidates = files.filter((p) => p.includes('.kiro/specs/'));
  const configs = new Map<string, string>();
  await Promise.all(
    candidates
      .filter((p) => p.endsWith('/.config.kiro'))
      .map(async (p) => {
        const text = await ws.readText(p);
        if (text !== undefined) configs.set(p, text);
      }),
  );
  const { specs } = discover({ workspaceFiles: candidates, readText: (p) => configs.get(p) });
  return Promise.all(specs.map((s) => summarize(ws, s)));
}

async function summarize(ws: SpecWorkspace, spec: DiscoveredSpec): Promise<SpecSummary> {
  const text = spec.files.tasks ? await ws.readText(spec.files.tasks) : undefined;
  const counts = text === undefined ? { done: 0, total: 0 } : countTasks(parseTasks(text));
  return {
    name: spec.name,
    dir: spec.dir,
    type: spec.type,
    workflow: spec.workflow,
    files: { ...spec.files },
    tasks: { done: counts.done, total: counts.total },
  };
}

/** Writes a new spec folder; refuses an existing one so nothing the user wrote is overwritten. */
export async function createSpec(ws: SpecWorkspace, name: string, type: SpecType, workflow: SpecWorkflow): Promise<SpecSummary> {
  const dir = `${SPECS_ROOT}/${name}`;
  if (await ws.exists(dir)) throw new KeelError('EXISTS', `A spec named "${name}" already exists (${dir}).`);
  const files: SpecSummary['files'] = {};
  for (const file of starterFiles(name, type, workflow, randomUUID())) {
    const path = `${dir}/${file.name}`;
    await ws.createFile(path, file.content);
    const key = file.name === '.config.kiro' ? 'config' : (file.name.replace(/\.md$/, '') as keyof SpecSummary['files']);
    files[key] = path;
  }
  return { name, dir, type, workflow, files, tasks: { done: 0, total: 0 } };
}
