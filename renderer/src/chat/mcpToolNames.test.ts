import { describe, expect, it } from 'vitest';
import type { McpState } from '../../../protocol';
import { mcpTitleOf, mcpToolRefs } from './mcpToolNames';

const server = (name: string, tools: string[]): McpState['servers'][number] => ({
  name,
  scope: 'workspace',
  transport: 'stdio',
  state: 'ready',
  log: [],
  tools: tools.map((t) => ({ name: t, autoApproved: false })),
});

describe('MCP tool card titles', () => {
  it('titles a tool by its own name and server, even when both contain underscores', () => {
    const refs = mcpToolRefs({ servers: [server('fixture', ['echo']), server('my_db', ['run_query']), server('my', ['db_run_query_x'])], problems: [] });
    expect(mcpTitleOf('mcp_fixture_echo', refs)).toBe('echo · fixture (MCP)');
    expect(mcpTitleOf('mcp_my_db_run_query', refs)).toBe('run_query · my_db (MCP)');
    expect(mcpTitleOf('mcp_my_db_run_query_x', refs)).toBe('db_run_query_x · my (MCP)');
  });

  it('reduces names as the host does (other characters become _, at most 64) and leaves unknown names alone', () => {
    const refs = mcpToolRefs({ servers: [server('git hub', ['issues.list']), server('s', ['t'.repeat(80)])], problems: [] });
    expect(mcpTitleOf('mcp_git_hub_issues_list', refs)).toBe('issues.list · git hub (MCP)');
    expect(mcpTitleOf(`mcp_s_${'t'.repeat(58)}`, refs)).toBe(`${'t'.repeat(80)} · s (MCP)`);
    expect(mcpTitleOf('readFile', refs)).toBeUndefined();
    expect(mcpTitleOf('mcp_other_tool', refs)).toBeUndefined();
  });

  it('does not guess when two tools reduce to the same name', () => {
    const refs = mcpToolRefs({ servers: [server('a', ['x.y', 'x y'])], problems: [] });
    expect(mcpTitleOf('mcp_a_x_y', refs)).toBeUndefined();
  });
});
