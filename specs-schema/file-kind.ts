/** Which Kiro format a path holds, from the path alone (workspace-relative, `/`-separated). */

export type FileKind = 'requirements' | 'design' | 'tasks' | 'bugfix' | 'steering' | 'hook' | 'mcp' | 'config' | 'tasks-meta' | 'agents' | 'other';

export function fileKind(path: string): FileKind {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base.endsWith('.kiro.hook')) return 'hook';
  if (base === 'AGENTS.md') return 'agents';
  const inSpecs = /(^|\/)\.kiro\/specs\/.+\//.test(p);
  if (inSpecs) {
    if (base === '.config.kiro') return 'config';
    if (base === 'requirements.md') return 'requirements';
    if (base === 'design.md') return 'design';
    if (base === 'tasks.md') return 'tasks';
    if (base === 'bugfix.md') return 'bugfix';
    if (base === 'tasks.meta.json') return 'tasks-meta';
  }
  if (base === 'mcp.json' && /(^|\/)\.kiro\/settings\/mcp\.json$/.test(p)) return 'mcp';
  if (/(^|\/)\.kiro\/steering\/.+\.md$/i.test(p)) return 'steering';
  return 'other';
}
