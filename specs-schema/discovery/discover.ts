/**
 * Discovery: from a list of file paths (workspace-relative, and optionally the user's home-level `.kiro/` files),
 * find the specs (feature or bugfix; requirements-first or design-first, from `.config.kiro` or inferred from which
 * documents exist), steering files, hooks, MCP configs and AGENTS.md. Pure: file contents come from a callback.
 */
import { fileKind } from '../file-kind';
import { parseSpecConfig } from '../json/spec-config-file';
import type { SpecType, SpecWorkflow } from '../schemas/spec-config-schema';

export type Level = 'workspace' | 'user';

export interface DiscoveredSpec {
  /** Path below `.kiro/specs/` (nested folders kept, e.g. `FIN/balance-fix`). */
  name: string;
  dir: string;
  type: SpecType;
  workflow: SpecWorkflow;
  /** Whether type and workflow came from `.config.kiro` or were inferred from the documents present. */
  source: 'config' | 'inferred';
  files: { requirements?: string; design?: string; tasks?: string; bugfix?: string; config?: string };
  /** Other files in the spec folder (notes, research), kept visible but not parsed. */
  extra: string[];
}

export interface DiscoveredFile {
  path: string;
  level: Level;
}

export interface Discovery {
  specs: DiscoveredSpec[];
  steering: DiscoveredFile[];
  hooks: DiscoveredFile[];
  mcp: DiscoveredFile[];
  agents: DiscoveredFile[];
}

export interface DiscoveryInput {
  workspaceFiles: readonly string[];
  /** Paths relative to the user's home (e.g. `.kiro/steering/personal.md`). */
  userFiles?: readonly string[];
  /** Returns a workspace file's text (used for `.config.kiro`); undefined when unknown. */
  readText?: (path: string) => string | undefined;
}

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPath = <T extends { path: string }>(a: T, b: T) => compare(a.path, b.path);

export function discover(input: DiscoveryInput): Discovery {
  const files = input.workspaceFiles.map((p) => p.replace(/\\/g, '/'));
  const specs = new Map<string, DiscoveredSpec>();
  const result: Discovery = { specs: [], steering: [], hooks: [], mcp: [], agents: [] };
  for (const path of files) {
    const kind = fileKind(path);
    if (kind === 'requirements' || kind === 'design' || kind === 'tasks' || kind === 'bugfix' || kind === 'config') {
      const dir = dirOf(path);
      let spec = specs.get(dir);
      if (!spec) {
        spec = { name: dir.replace(/^(.*\/)?\.kiro\/specs\//, ''), dir, type: 'feature', workflow: 'requirements-first', source: 'inferred', files: {}, extra: [] };
        specs.set(dir, spec);
      }
      spec.files[kind] = path;
    } else if (kind === 'steering') result.steering.push({ path, level: 'workspace' });
    else if (kind === 'hook') result.hooks.push({ path, level: 'workspace' });
    else if (kind === 'mcp') result.mcp.push({ path, level: 'workspace' });
    else if (kind === 'agents') result.agents.push({ path, level: 'workspace' });
  }
  for (const path of files) {
    const spec = specs.get(dirOf(path));
    if (spec && fileKind(path) === 'other') spec.extra.push(path);
  }
  for (const path of input.userFiles ?? []) {
    const kind = fileKind(path);
    if (kind === 'steering') result.steering.push({ path, level: 'user' });
    else if (kind === 'mcp') result.mcp.push({ path, level: 'user' });
    else if (kind === 'hook') result.hooks.push({ path, level: 'user' });
    else if (kind === 'agents') result.agents.push({ path, level: 'user' });
  }
  for (const spec of specs.values()) classify(spec, input.readText);
  result.specs = [...specs.values()].sort((a, b) => compare(a.dir, b.dir));
  result.steering.sort(byPath);
  result.hooks.sort(byPath);
  result.mcp.sort(byPath);
  result.agents.sort(byPath);
  return result;
}

function classify(spec: DiscoveredSpec, readText: DiscoveryInput['readText']): void {
  const f = spec.files;
  spec.type = f.bugfix ? 'bugfix' : 'feature';
  spec.workflow = f.design && !f.requirements && !f.bugfix ? 'design-first' : 'requirements-first';
  const text = f.config ? readText?.(f.config) : undefined;
  if (text === undefined) return;
  const config = parseSpecConfig(text);
  if (config.specType) spec.type = config.specType;
  if (config.workflow) spec.workflow = config.workflow;
  if (config.specType || config.workflow) spec.source = 'config';
}
