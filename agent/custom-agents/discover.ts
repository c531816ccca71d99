/**
 * Finding custom agents, skills and powers in the workspace (`.kiro/agents`, `.kiro/skills`, `.kiro/powers`) and the
 * user's home (`~/.kiro/…`). A workspace file wins over a user file of the same name, as Kiro does. An unreadable
 * file is a problem in the result, never a throw.
 */
import { parseCustomAgent, parsePower, parseSkill, type CustomAgentDoc, type PowerDoc } from '../../specs-schema';
import type { SkillEntry } from './skills';

/** One scope's `.kiro` folder (the workspace's or the user's). Paths are relative to the folder holding `.kiro`. */
export interface KiroDirPort {
  /** Files below `dir`, recursively, relative to `dir` and `/`-separated; empty when `dir` does not exist. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<string>;
  /** How the user sees the path (`~/.kiro/agents/x.md` for the user scope). */
  displayPath(path: string): string;
}

export type Scope = 'workspace' | 'user';

export interface AgentEntry {
  name: string;
  path: string;
  source: Scope;
  doc: CustomAgentDoc;
}

export interface PowerEntry {
  name: string;
  path: string;
  source: Scope;
  doc: PowerDoc;
  /** The power's own `mcp.json`, as written. */
  mcpJson?: { path: string; text: string };
  steering: { name: string; path: string; text: string }[];
}

export interface KiroAgentFiles {
  agents: AgentEntry[];
  skills: SkillEntry[];
  powers: PowerEntry[];
  problems: { path: string; message: string }[];
}

export async function discoverKiroAgents(scopes: { workspace?: KiroDirPort; user?: KiroDirPort }): Promise<KiroAgentFiles> {
  const out: KiroAgentFiles = { agents: [], skills: [], powers: [], problems: [] };
  for (const source of ['workspace', 'user'] as const) {
    const port = scopes[source];
    if (port) await readScope(port, source, out);
  }
  return { ...out, agents: firstByName(out.agents), skills: firstByName(out.skills), powers: firstByName(out.powers) };
}

async function readScope(port: KiroDirPort, source: Scope, out: KiroAgentFiles): Promise<void> {
  const read = async (path: string): Promise<string | undefined> => {
    try {
      return await port.read(path);
    } catch (e) {
      out.problems.push({ path: port.displayPath(path), message: `${port.displayPath(path)} could not be read: ${(e as Error).message}` });
      return undefined;
    }
  };
  const list = (dir: string) => port.list(dir).then((l) => [...l].sort(byBytes), () => [] as string[]);

  for (const rel of await list('.kiro/agents')) {
    if (!/\.md$/i.test(rel)) continue;
    const path = `.kiro/agents/${rel}`;
    const text = await read(path);
    if (text === undefined) continue;
    const doc = parseCustomAgent(text, rel);
    out.agents.push({ name: doc.name, path: port.displayPath(path), source, doc });
  }

  for (const rel of await list('.kiro/skills')) {
    const parts = rel.split('/');
    const folder = parts.length === 2 && parts[1] === 'SKILL.md' ? parts[0] : parts.length === 1 && /\.md$/i.test(rel) ? rel.replace(/\.md$/i, '') : undefined;
    if (!folder) continue;
    const path = `.kiro/skills/${rel}`;
    const text = await read(path);
    if (text === undefined) continue;
    const doc = parseSkill(text, folder);
    out.skills.push({ name: doc.name, ...(doc.description ? { description: doc.description } : {}), path: port.displayPath(path), source, doc });
  }

  const powerFiles = await list('.kiro/powers');
  for (const rel of powerFiles) {
    const parts = rel.split('/');
    if (parts.length !== 2 || parts[1] !== 'POWER.md') continue;
    const folder = parts[0] as string;
    const dir = `.kiro/powers/${folder}`;
    const text = await read(`${dir}/POWER.md`);
    if (text === undefined) continue;
    const doc = parsePower(text, folder);
    const entry: PowerEntry = { name: doc.name, path: port.displayPath(`${dir}/POWER.md`), source, doc, steering: [] };
    if (powerFiles.includes(`${folder}/mcp.json`)) {
      const mcp = await read(`${dir}/mcp.json`);
      if (mcp !== undefined) entry.mcpJson = { path: port.displayPath(`${dir}/mcp.json`), text: mcp };
    }
    for (const s of powerFiles.filter((f) => f.startsWith(`${folder}/steering/`) && /\.md$/i.test(f))) {
      const st = await read(`.kiro/powers/${s}`);
      if (st !== undefined) entry.steering.push({ name: s.slice(folder.length + 10).replace(/\.md$/i, ''), path: port.displayPath(`.kiro/powers/${s}`), text: st });
    }
    out.powers.push(entry);
  }
}

function firstByName<T extends { name: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = e.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
