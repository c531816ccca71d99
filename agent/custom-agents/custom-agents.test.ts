import { describe, expect, it } from 'vitest';
import { parseCustomAgent } from '../../specs-schema';
import { builtinTools } from '../tools/registry';
import { discoverKiroAgents, loadSkillTool, renderSkillIndex, selectAgentTools, type AvailableTool, type KiroDirPort } from '.';

const available: AvailableTool[] = [
  ...builtinTools.map((t) => ({ name: t.name })),
  { name: 'loadSkill' },
  { name: 'mcp_context7_resolve', mcp: { server: 'context7', tool: 'resolve' } },
  { name: 'mcp_context7_get_docs', mcp: { server: 'context7', tool: 'get_docs' } },
  { name: 'mcp_pg_query', mcp: { server: 'pg', tool: 'query' } },
];
const select = (front: string) => selectAgentTools(parseCustomAgent(`---\n${front}\n---\nPrompt\n`), available);
const READ = ['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'loadSkill'];

describe('selectAgentTools', () => {
  it('category tags as a JSON array, with an MCP server reference', () => {
    expect(select('tools: ["read", "@context7"]')).toEqual({ names: [...READ, 'mcp_context7_resolve', 'mcp_context7_get_docs'], warnings: [] });
  });

  it('a YAML list of tags, `context` and `shell`', () => {
    expect(select('tools:\n  - read\n  - shell\n  - context').names).toEqual([...READ.slice(0, 4), 'executeBash', 'taskStatus', 'loadSkill']);
  });

  it("Claude Code's comma string", () => {
    expect(select('tools: Read, Edit, Glob, Grep, Bash').names).toEqual(['readFile', 'fileSearch', 'grepSearch', 'strReplace', 'executeBash']);
  });

  it("Kiro's internal names", () => {
    expect(select('tools: [fs_read, fs_write, execute_bash]').names).toEqual(['readFile', 'listDirectory', 'fsWrite', 'strReplace', 'executeBash']);
  });

  it('`*`, @builtin and @mcp; disallowedTools takes away', () => {
    expect(select('tools: ["*"]').names).toEqual(available.map((t) => t.name));
    expect(select('tools: ["@builtin"]\ndisallowedTools: [write, shell]').names).toEqual([...READ.slice(0, 4), 'taskStatus', 'loadSkill']);
    expect(select('tools: ["@mcp"]').names).toEqual(['mcp_context7_resolve', 'mcp_context7_get_docs', 'mcp_pg_query']);
    expect(select('tools: ["@context7/get_*"]').names).toEqual(['mcp_context7_get_docs']);
  });

  it('no tools: everything (as Kiro’s default agent); allowedTools alone is the list', () => {
    expect(selectAgentTools(parseCustomAgent('Just a prompt\n'), available).names).toEqual(available.map((t) => t.name));
    expect(select('allowedTools:\n  - read\n  - shell').names).toEqual([...READ.slice(0, 4), 'executeBash', 'loadSkill']);
  });

  it('unknown and missing tools are warnings, never errors, and grant nothing', () => {
    const s = select('tools: [read, web, readCode, getDiagnostics, frobnicate, "@nothere"]');
    expect(s.names).toEqual(READ);
    expect(s.warnings).toEqual([
      'tools: "web" tools do not exist in Keel yet; the agent works without them.',
      'tools: "getDiagnostics" has no Keel tool yet; the agent works without it.',
      'tools: "frobnicate" is not a tool Keel knows; it is kept in the file and grants nothing.',
      'tools: "@nothere" — no tool of MCP server "nothere" is available (is it in mcp.json, trusted and running?).',
    ]);
  });
});

function memoryDir(files: Record<string, string>, display: (p: string) => string = (p) => p): KiroDirPort {
  return {
    list: async (dir) => Object.keys(files).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
    read: async (p) => {
      const t = files[p];
      if (t === undefined) throw new Error('not found');
      return t;
    },
    displayPath: display,
  };
}

describe('discoverKiroAgents', () => {
  it('finds agents (nested too), skills (folder and flat), powers with mcp.json and steering; workspace wins', async () => {
    const workspace = memoryDir({
      '.kiro/agents/reviewer.md': '---\nname: reviewer\ntools: [read]\n---\nReview.\n',
      '.kiro/agents/team/planner.md': 'Plan.\n',
      '.kiro/agents/notes.txt': 'ignored',
      '.kiro/skills/deploy/SKILL.md': '---\nname: deploy\ndescription: Ship it\n---\nSteps.\n',
      '.kiro/skills/deploy/scripts/run.sh': 'echo',
      '.kiro/skills/flat.md': '---\nname: flat\ndescription: Flat skill\n---\nFlat.\n',
      '.kiro/powers/grafana/POWER.md': '---\nname: grafana\nkeywords: [grafana]\n---\nUse Grafana.\n',
      '.kiro/powers/grafana/mcp.json': '{"mcpServers":{"grafana":{"command":"mcp-grafana"}}}',
      '.kiro/powers/grafana/steering/dashboards.md': 'Use RED.\n',
    });
    const user = memoryDir(
      { '.kiro/agents/reviewer.md': 'User reviewer\n', '.kiro/agents/mine.md': 'Mine\n', '.kiro/skills/deploy/SKILL.md': '---\nname: deploy\ndescription: user\n---\n' },
      (p) => `~/${p}`,
    );
    const found = await discoverKiroAgents({ workspace, user });
    expect(found.agents.map((a) => [a.name, a.source, a.path])).toEqual([
      ['reviewer', 'workspace', '.kiro/agents/reviewer.md'],
      ['team/planner', 'workspace', '.kiro/agents/team/planner.md'],
      ['mine', 'user', '~/.kiro/agents/mine.md'],
    ]);
    expect(found.skills.map((s) => [s.name, s.description, s.source])).toEqual([
      ['deploy', 'Ship it', 'workspace'],
      ['flat', 'Flat skill', 'workspace'],
    ]);
    expect(found.powers).toHaveLength(1);
    expect(found.powers[0]).toMatchObject({ name: 'grafana', mcpJson: { path: '.kiro/powers/grafana/mcp.json' }, steering: [{ name: 'dashboards', text: 'Use RED.\n' }] });
    expect(found.problems).toEqual([]);
  });

  it('skills: the index lists names and descriptions; loadSkill returns the body', async () => {
    const found = await discoverKiroAgents({ workspace: memoryDir({ '.kiro/skills/deploy/SKILL.md': '---\nname: deploy\ndescription: Ship\n  it\n---\n\nRun `make ship`.\n' }) });
    expect(renderSkillIndex(found.skills)).toContain('- deploy: Ship it');
    expect(renderSkillIndex([])).toBe('');
    const tool = loadSkillTool(async () => found.skills);
    const ctl = new AbortController();
    await expect(tool.run({ name: 'Deploy' }, { signal: ctl.signal } as never)).resolves.toEqual({
      status: 'success',
      content: '<skill name="deploy" path=".kiro/skills/deploy/SKILL.md">\nRun `make ship`.\n</skill>',
    });
    await expect(tool.run({ name: 'nope' }, { signal: ctl.signal } as never)).rejects.toThrow('No skill named "nope". Skills: deploy.');
  });
});
