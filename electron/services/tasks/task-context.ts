/**
 * The executor's context for one task. Prompt caching keys on the request prefix (tools, system + steering, spec
 * documents), so everything that differs between tasks of one spec goes into the user message and the prefix is
 * built only from inputs that stay the same while a spec is worked through:
 *  - system: Keel's executor instructions, then steering (every file except `inclusion: manual`, by name, then
 *    AGENTS.md) — independent of the task, so byte-identical across tasks;
 *  - spec documents: requirements.md (or bugfix.md) and design.md as they are on disk. tasks.md is NOT a spec
 *    block: its checkboxes change with every task, which would void the cache; the task's own block is in the prompt.
 */
import { findRequirement, parseRequirements, parseSteering, type Task, type TasksDoc } from '../../../specs-schema';
import { citedIds, taskBlockText, taskLabel } from './task-plan';

export interface SteeringFile {
  path: string;
  text: string;
}

export interface SpecFiles {
  requirements?: { path: string; text: string };
  bugfix?: { path: string; text: string };
  design?: { path: string; text: string };
}

export interface TaskContext {
  /** Keel's executor instructions (first system block). */
  instructions: string;
  /** Steering blocks, after the instructions; an agent host that adds steering itself leaves these out. */
  steering: string[];
  specDocuments: string[];
  /** The user message: the task, its sub-tasks and the criteria it cites. */
  prompt: string;
}

export const EXECUTOR_INSTRUCTIONS = [
  'You are Keel\'s executor. You implement exactly one task of a spec in the open workspace, using the tools.',
  'Read the files you change before changing them; keep edits small and in the style of the surrounding code.',
  'Do not edit tasks.md: Keel updates task checkboxes itself once your change is reviewed and its checks pass.',
  'Do not start other tasks. When you are done, end your turn with a short summary of what you changed and why.',
].join('\n');

/** Steering files in the order they enter the prefix; `manual` ones join only when a prompt names them. */
export function steeringBlocks(files: readonly SteeringFile[]): string[] {
  const sorted = [...files].sort((a, b) => order(a.path) - order(b.path) || a.path.localeCompare(b.path));
  return sorted
    .filter((f) => parseSteering(f.text, isAgentsFile(f.path) ? 'agents' : 'steering').inclusion !== 'manual')
    .map((f) => `<steering path="${f.path}">\n${f.text}\n</steering>`);
}

export function specBlocks(files: SpecFiles): string[] {
  return [files.requirements ?? files.bugfix, files.design]
    .filter((f): f is { path: string; text: string } => f !== undefined)
    .map((f) => `<spec-document path="${f.path}">\n${f.text}\n</spec-document>`);
}

export function buildTaskContext(input: { specDir: string; doc: TasksDoc; task: Task; steering: readonly SteeringFile[]; spec: SpecFiles }): TaskContext {
  const { specDir, doc, task, spec } = input;
  const cited = citedCriteria(task, spec.requirements?.text);
  const parts = [
    `Implement task ${taskLabel(task)} of the spec in ${specDir}.`,
    '',
    'The task as written in tasks.md (with its details and sub-tasks):',
    '```markdown',
    taskBlockText(doc, task),
    '```',
  ];
  if (cited.length > 0) parts.push('', 'Acceptance criteria it must satisfy:', ...cited.map((c) => `- ${c}`));
  parts.push('', 'The requirements and design documents are in your context above. Implement only this task.');
  return {
    instructions: EXECUTOR_INSTRUCTIONS,
    steering: steeringBlocks(input.steering),
    specDocuments: specBlocks(spec),
    prompt: parts.join('\n'),
  };
}

/** `1.3 IF the user gives … THEN …` for each criterion cited; a requirement id cites all of its criteria. */
function citedCriteria(task: Task, requirementsText: string | undefined): string[] {
  if (requirementsText === undefined) return [];
  const reqs = parseRequirements(requirementsText);
  const out: string[] = [];
  for (const id of citedIds(task)) {
    const [reqId, criterion] = id.split('.');
    const req = findRequirement(reqs, reqId as string);
    if (!req) continue;
    const criteria = criterion === undefined ? req.criteria : req.criteria.filter((c) => c.id === id);
    for (const c of criteria) out.push(`${c.id} (${req.title.trim()}): ${c.text}`);
  }
  return out;
}

function isAgentsFile(path: string): boolean {
  return /(^|\/)AGENTS\.md$/i.test(path);
}

function order(path: string): number {
  return isAgentsFile(path) ? 1 : 0;
}
