/**
 * Custom agents, skills and powers for the hosted agent. Files are read fresh at each turn's start (they are few
 * and small, and an edit then applies to the next turn without a watcher). What a turn gets:
 * - system: the chosen agent's prompt and the skills index (names + descriptions), after Keel's cached prefix;
 * - tools: the agent's own selection (tool-table.ts) of the built-in, MCP and loadSkill tools;
 * - turnContext: `#skill` chips' instructions and the powers the prompt activates (keyword or `#power` chip).
 */
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import {
  discoverKiroAgents,
  findSkill,
  loadSkillTool,
  renderAgentPrompt,
  renderPower,
  renderSkill,
  renderSkillIndex,
  selectAgentTools,
  type AvailableTool,
  type KiroAgentFiles,
  type KiroDirPort,
  type ToolHandler,
  type WorkspaceAccess,
} from '../../../agent';
import { matchPowerKeywords } from '../../../specs-schema';
import type { AgentChip, CustomAgentInfo, PowerInfo, SkillInfo } from '../../../protocol';
import { mcpToolOrigin } from './mcp-tools';

/** The folder holding the user's `.kiro` (agents, skills, powers shared by every workspace). */
export const defaultUserHome = (): string => homedir();

/** The workspace's `.kiro`, read through the confined workspace (a symlink cannot lead outside). */
export function workspaceKiroDir(workspace: Pick<WorkspaceAccess, 'walk' | 'readFile' | 'stat'>): KiroDirPort {
  return {
    async list(dir) {
      if ((await workspace.stat(dir).catch(() => undefined))?.type !== 'directory') return [];
      const out: string[] = [];
      for await (const p of workspace.walk(dir)) out.push(p.slice(dir.length + 1));
      return out;
    },
    read: (path) => workspace.readFile(path),
    displayPath: (path) => path,
  };
}

/** The user's `~/.kiro`; paths are relative to `home`. */
export function userKiroDir(home: string): KiroDirPort {
  return {
    async list(dir) {
      const base = join(home, dir);
      const out: string[] = [];
      const walk = async (d: string, depth: number): Promise<void> => {
        if (depth > 6) return;
        for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
          const full = join(d, e.name);
          if (e.isDirectory()) await walk(full, depth + 1);
          else if (e.isFile()) out.push(relative(base, full).split(sep).join('/'));
        }
      };
      await walk(base, 0);
      return out;
    },
    read: (path) => {
      if (path.split('/').includes('..')) return Promise.reject(new Error('outside ~/.kiro'));
      return readFile(join(home, path), 'utf8');
    },
    displayPath: (path) => `~/${path}`,
  };
}

export function loadKiroAgentFiles(workspace: KiroDirPort, userHome: string | undefined): Promise<KiroAgentFiles> {
  return discoverKiroAgents({ workspace, ...(userHome ? { user: userKiroDir(userHome) } : {}) });
}

/** Tools as agents name them: MCP tools with their server and own name. */
export const availableOf = (tools: readonly ToolHandler[]): AvailableTool[] =>
  tools.map((t) => {
    const mcp = mcpToolOrigin(t.name);
    return mcp ? { name: t.name, mcp } : { name: t.name };
  });

/**
 * What the picker and `keel agents list` show; each agent's tools resolved against `available` (built-in + MCP
 * running now; loadSkill is added when there are skills).
 */
export function describeCustomAgents(files: KiroAgentFiles, available: readonly AvailableTool[]): { agents: CustomAgentInfo[]; skills: SkillInfo[]; powers: PowerInfo[]; problems: string[] } {
  const all = files.skills.length && !available.some((t) => t.name === 'loadSkill') ? [...available, { name: 'loadSkill' }] : available;
  const agents = files.agents.map((a): CustomAgentInfo => {
    const selection = selectAgentTools(a.doc, all);
    const says = (sev: string) => a.doc.diagnostics.filter((d) => d.severity === sev).map((d) => `line ${d.line + 1}: ${d.message}`);
    return {
      name: a.name,
      ...(a.doc.description ? { description: a.doc.description } : {}),
      ...(a.doc.model ? { model: a.doc.model } : {}),
      path: a.path,
      source: a.source,
      tools: selection.names,
      warnings: [...says('warning'), ...selection.warnings],
      errors: says('error'),
    };
  });
  const skills = files.skills.map((s): SkillInfo => ({ name: s.name, ...(s.description ? { description: s.description } : {}), path: s.path, source: s.source }));
  const powers = files.powers.map(
    (p): PowerInfo => ({
      name: p.name,
      ...(p.doc.displayName ? { displayName: p.doc.displayName } : {}),
      ...(p.doc.description ? { description: p.doc.description } : {}),
      keywords: p.doc.keywords,
      path: p.path,
      source: p.source,
      mcpServers: mcpServerNames(p.mcpJson?.text),
    }),
  );
  return { agents, skills, powers, problems: files.problems.map((p) => p.message) };
}

export interface TurnProfile {
  /** Blocks after the session's cached prefix (agent prompt, skills index). */
  system: string[];
  tools: ToolHandler[];
  /** Blocks before the prompt text in this turn's user message. */
  turnContext: string[];
  notices: string[];
}

/** The profile of one turn under `agentName` (undefined = Keel's default agent). */
export function turnProfile(
  files: KiroAgentFiles,
  input: { agent: string | undefined; prompt: string; chips: readonly AgentChip[]; tools: readonly ToolHandler[] },
): TurnProfile {
  const notices = files.problems.map((p) => p.message);
  const all = withSkillTool(files, input.tools);
  const system: string[] = [];
  let tools = all;
  if (input.agent !== undefined) {
    const agent = files.agents.find((a) => a.name === input.agent);
    if (!agent) {
      notices.push(`The custom agent "${input.agent}" is gone (its file was renamed or removed); this turn runs as Keel's default agent.`);
    } else {
      const selection = selectAgentTools(agent.doc, availableOf(all));
      const granted = new Set(selection.names);
      tools = all.filter((t) => granted.has(t.name));
      if (agent.doc.prompt.trim()) system.push(renderAgentPrompt(agent.doc));
    }
  }
  const index = tools.some((t) => t.name === 'loadSkill') ? renderSkillIndex(files.skills) : '';
  if (index) system.push(index);

  const turnContext: string[] = [];
  for (const chip of input.chips.filter((c) => c.kind === 'skill')) {
    const skill = findSkill(files.skills, chip.target ?? '');
    if (skill) turnContext.push(renderSkill(skill));
    else notices.push(`#skill:${chip.target ?? ''}: there is no skill with that name.`);
  }
  const byHand = new Set(input.chips.filter((c) => c.kind === 'power').map((c) => (c.target ?? '').toLowerCase()));
  for (const name of byHand) if (!files.powers.some((p) => p.name.toLowerCase() === name)) notices.push(`#power:${name}: there is no power with that name.`);
  for (const power of files.powers) {
    const keywords = matchPowerKeywords(power.doc, input.prompt);
    const chosen = byHand.has(power.name.toLowerCase());
    if (!chosen && !keywords.length) continue;
    turnContext.push(renderPower(power.doc, power.steering, chosen ? 'chosen by the user' : `keyword ${keywords.join(', ')}`));
  }
  return { system, tools, turnContext, notices };
}

/** loadSkill joins the tools when there are skills (after the others, so the rest of the list keeps its bytes). */
function withSkillTool(files: KiroAgentFiles, tools: readonly ToolHandler[]): ToolHandler[] {
  if (!files.skills.length || tools.some((t) => t.name === 'loadSkill')) return [...tools];
  return [...tools, loadSkillTool(async () => files.skills)];
}

function mcpServerNames(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const servers = (JSON.parse(text) as { mcpServers?: unknown }).mcpServers;
    return servers && typeof servers === 'object' ? Object.keys(servers) : [];
  } catch {
    return [];
  }
}
