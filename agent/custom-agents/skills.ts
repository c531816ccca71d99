/**
 * Skills at run time (progressive disclosure, as Kiro does): every skill's name and description are offered to
 * the model in the cached prefix; its instructions are loaded only when the model calls `loadSkill` (or the user
 * attaches it with a `#skill` chip).
 */
import { z } from 'zod';
import type { SkillDoc } from '../../specs-schema';
import { defineTool, ok, ToolError, type ToolHandler } from '../tools/tool';

export interface SkillEntry {
  name: string;
  description?: string;
  /** Workspace-relative (`.kiro/skills/x/SKILL.md`) or the user's (`~/.kiro/skills/x/SKILL.md`). */
  path: string;
  source: 'workspace' | 'user';
  doc: SkillDoc;
}

export function findSkill(skills: readonly SkillEntry[], name: string): SkillEntry | undefined {
  const n = name.trim().toLowerCase();
  return skills.find((s) => s.name.toLowerCase() === n);
}

/** The block in the system prompt that lists the skills; empty when there are none. */
export function renderSkillIndex(skills: readonly SkillEntry[]): string {
  if (!skills.length) return '';
  const lines = skills.map((s) => `- ${s.name}: ${(s.description ?? '(no description)').replace(/\s+/g, ' ').trim()}`);
  return [
    '<skills>',
    'Skills are instructions for specific workflows. When a request matches a skill, call loadSkill with its name before you start, then follow it.',
    ...lines,
    '</skills>',
  ].join('\n');
}

/** A skill's instructions as the model reads them (tool result or `#skill` chip). */
export function renderSkill(skill: SkillEntry): string {
  return `<skill name="${skill.name}" path="${skill.path}">\n${skill.doc.body}\n</skill>`;
}

export function loadSkillTool(skills: () => Promise<readonly SkillEntry[]>): ToolHandler {
  return defineTool({
    name: 'loadSkill',
    description: 'Loads the full instructions of a skill listed in <skills>. Call it when the request matches the skill, before doing the work.',
    input: z.object({ name: z.string().min(1).describe('The skill name as listed') }),
    async run({ name }) {
      const all = await skills();
      const skill = findSkill(all, name);
      if (!skill) throw new ToolError(`No skill named "${name}". Skills: ${all.map((s) => s.name).join(', ') || '(none)'}.`);
      return ok(renderSkill(skill));
    },
  }) as ToolHandler;
}
