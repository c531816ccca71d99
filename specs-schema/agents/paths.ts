/** Which of the agent-era formats a path holds (workspace-relative or below `~/.kiro`, `/`-separated). */
export type AgentFileKind = 'agent' | 'skill' | 'power';

export function agentFileKind(path: string): AgentFileKind | undefined {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)\.kiro\/agents\/.+\.md$/i.test(p)) return 'agent';
  if (/(^|\/)\.kiro\/skills\/[^/]+\/SKILL\.md$/.test(p) || /(^|\/)\.kiro\/skills\/[^/]+\.md$/i.test(p)) return 'skill';
  if (/(^|\/)\.kiro\/powers\/[^/]+\/POWER\.md$/.test(p)) return 'power';
  return undefined;
}
