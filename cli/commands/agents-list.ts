/** `keel agents list [-w dir] [--json]`: custom agents (workspace and ~/.kiro) with the Keel tools each one gets. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinTools, type AvailableTool } from '../../agent';
import { NodeWorkspace } from '../../agent/node';
import { parseMcp } from '../../specs-schema';
import { defaultUserHome, describeCustomAgents, loadKiroAgentFiles, workspaceKiroDir } from '../../electron/services/agent/custom-agents';
import { EXIT, UsageError, type Command } from '../command';
import { style } from '../style';

export const agentsList: Command = {
  path: ['agents', 'list'],
  summary: 'List custom agents with the tools each one gets',
  usage: 'agents list [--workspace <dir>] [--json]',
  help: `Custom agents are .kiro/agents/*.md in the workspace and ~/.kiro/agents/*.md (a workspace file wins by name).
--workspace, -w <dir>: the workspace (default: the current directory).

Text output: one line per agent: its file, its name, the Keel tools it gets, then its warnings (unknown keys,
tool names Keel does not know) and errors indented below. MCP references (@server) resolve against the servers
in .kiro/settings/mcp.json, shown as "@server" since no server is started here.
--json: one object per line: {"file", "name", "source": "workspace|user", "description"?, "model"?, "tools": […],
"warnings": […], "errors": […]}.
Exit 1 when a file has errors (e.g. broken front matter; the agent still loads with its body as prompt).`,
  options: { json: { type: 'boolean' }, workspace: { type: 'string', short: 'w' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError('agents list takes no arguments (use --workspace <dir>)');
    const display = (values.workspace as string | undefined) ?? '.';
    const root = resolve(io.cwd, display);
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      throw new UsageError(`No such directory: ${display}`);
    }
    if (!isDir) throw new UsageError(`Not a directory: ${display}`);
    const workspace = await NodeWorkspace.open(root);
    const files = await loadKiroAgentFiles(workspaceKiroDir(workspace), process.env.KEEL_USER_HOME ?? defaultUserHome());
    // No MCP server runs here: each server of mcp.json stands for its tools as "@server".
    const mcpText = await workspace.readFile('.kiro/settings/mcp.json').catch(() => undefined);
    const servers = mcpText ? parseMcp(mcpText).servers.map((s) => s.name) : [];
    const available: AvailableTool[] = [...builtinTools.map((t) => ({ name: t.name })), ...servers.map((server) => ({ name: `@${server}`, mcp: { server, tool: '*' } }))];
    const { agents, problems } = describeCustomAgents(files, available);
    for (const p of problems) io.err(p);
    const s = style(io);
    for (const a of agents) {
      if (values.json) {
        const { path, name, source, description, model, tools, warnings, errors } = a;
        io.out(JSON.stringify({ file: path, name, source, ...(description ? { description } : {}), ...(model ? { model } : {}), tools, warnings, errors }));
        continue;
      }
      io.out(`${a.path}  ${s.bold(a.name)}  ${a.tools.length ? a.tools.join(', ') : s.dim('(no tools)')}`);
      for (const e of a.errors) io.out(`  ${s.red('error')} ${e}`);
      for (const w of a.warnings) io.out(`  ${s.yellow('warning')} ${w}`);
    }
    io.err(`${agents.length} agent(s)${agents.length ? '' : ' (none in .kiro/agents or ~/.kiro/agents)'}`);
    return agents.some((a) => a.errors.length) ? EXIT.findings : EXIT.ok;
  },
};
