import { describe, expect, it } from 'vitest';
import { discover } from './discover';

describe('discover', () => {
  const files = [
    '.kiro/specs/login/requirements.md',
    '.kiro/specs/login/design.md',
    '.kiro/specs/login/tasks.md',
    '.kiro/specs/login/notes.md',
    '.kiro/specs/FIN/balance fix/bugfix.md',
    '.kiro/specs/FIN/balance fix/.config.kiro',
    '.kiro/specs/engine/design.md',
    '.kiro/specs/engine/.config.kiro',
    '.kiro/specs/sketch/design.md',
    '.kiro/steering/product.md',
    '.kiro/hooks/lint.kiro.hook',
    '.kiro/settings/mcp.json',
    'AGENTS.md',
    'src/index.ts',
  ];
  const configs: Record<string, string> = {
    '.kiro/specs/FIN/balance fix/.config.kiro': '{"specId": "x", "workflowType": "requirements-first", "specType": "bugfix"}',
    '.kiro/specs/engine/.config.kiro': '{"generationMode": "requirements-first"}',
  };
  const d = discover({ workspaceFiles: files, userFiles: ['.kiro/steering/personal.md', '.kiro/settings/mcp.json'], readText: (p) => configs[p] });

  it('finds specs with type and workflow from .config.kiro or inferred', () => {
    expect(d.specs.map((s) => [s.name, s.type, s.workflow, s.source])).toEqual([
      ['FIN/balance fix', 'bugfix', 'requirements-first', 'config'],
      ['engine', 'feature', 'requirements-first', 'config'],
      ['login', 'feature', 'requirements-first', 'inferred'],
      ['sketch', 'feature', 'design-first', 'inferred'],
    ]);
    expect(d.specs.find((s) => s.name === 'login')?.extra).toEqual(['.kiro/specs/login/notes.md']);
  });

  it('finds steering, hooks, MCP configs and AGENTS.md at workspace and user level', () => {
    expect(d.steering).toEqual([
      { path: '.kiro/steering/personal.md', level: 'user' },
      { path: '.kiro/steering/product.md', level: 'workspace' },
    ]);
    expect(d.hooks).toEqual([{ path: '.kiro/hooks/lint.kiro.hook', level: 'workspace' }]);
    expect(d.mcp.map((m) => m.level).sort()).toEqual(['user', 'workspace']);
    expect(d.agents).toEqual([{ path: 'AGENTS.md', level: 'workspace' }]);
  });
});
