import type { CustomAgentDoc, PowerDoc } from '../../specs-schema';

const attr = (s: string): string => s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] as string);

/** The custom agent's prompt as a block after Keel's system prompt (it is the agent's own system prompt in Kiro). */
export function renderAgentPrompt(agent: Pick<CustomAgentDoc, 'name' | 'prompt'>): string {
  return `<custom-agent name="${attr(agent.name)}">\nYou are running as the custom agent "${agent.name}". Its instructions:\n\n${agent.prompt}\n</custom-agent>`;
}

/** An active power's instructions and steering, for the turn's user message (not the cached prefix). */
export function renderPower(power: Pick<PowerDoc, 'name' | 'body'>, steering: readonly { name: string; text: string }[], reason: string): string {
  const parts = [`<power name="${attr(power.name)}" reason="${attr(reason)}">`, power.body];
  for (const s of steering) parts.push(`<power-steering name="${attr(s.name)}">\n${s.text.trim()}\n</power-steering>`);
  parts.push('</power>');
  return parts.join('\n');
}
