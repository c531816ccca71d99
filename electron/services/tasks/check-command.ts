/**
 * Which command checks a task's change. The rule (documented in README.md beside this file):
 *  1. the task's own detail lines, then its parent's, nearest first: a line `Run: <command>` (also `Check:` or
 *     `Test:`), bullet and backticks optional — `- Run: \`npm test\``;
 *  2. else the steering files (sorted by name, then AGENTS.md): a line `Test command: <command>`, or a sentence
 *     that says tests run with a backticked command — "Tests use node:test; run them with `node --test`";
 *  3. else no check: an accepted change is enough.
 * A backticked word alone in a detail line is not a command (`Add \`priority\` to addTodo` names a field), which
 * is why the task form needs the label.
 */
import type { Task, TasksDoc } from '../../../specs-schema';
import { parentOf } from '../../../specs-schema';

export interface CheckCommand {
  command: string;
  /** Where it was named, for the run log: `task 2.1`, `task 2`, `.kiro/steering/tech.md`. */
  source: string;
}

const TASK_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:Run|Check|Test)s?(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(.+?)[ \t]*$/i;
const STEERING_LABEL = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:Test|Check)[ \t]+command(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(.+?)[ \t]*$/im;
const STEERING_SENTENCE = /\b(?:tests?|checks?)\b[^\n]*?\brun(?:\s+(?:them|it|tests?|the\s+tests?|checks?))?\s+with\s+`([^`\n]+)`/i;

export function checkFromTask(doc: TasksDoc, task: Task): CheckCommand | undefined {
  for (let t: Task | undefined = task; t; t = parentOf(doc, t)) {
    for (const line of t.detailLines) {
      if (doc.hidden[line]) continue;
      const m = TASK_LINE.exec(doc.lines[line]?.text ?? '');
      const command = m ? unquote(m[1] as string) : '';
      if (command) return { command, source: `task ${t.id ?? t.title.trim()}` };
    }
  }
  return undefined;
}

export function checkFromSteering(files: readonly { path: string; text: string }[]): CheckCommand | undefined {
  for (const file of files) {
    const body = stripFrontMatter(file.text);
    const labelled = STEERING_LABEL.exec(body);
    const sentence = labelled ? undefined : STEERING_SENTENCE.exec(body);
    const command = labelled ? unquote(labelled[1] as string) : sentence ? (sentence[1] as string).trim() : '';
    if (command) return { command, source: file.path };
  }
  return undefined;
}

export function checkFor(doc: TasksDoc, task: Task, steering: readonly { path: string; text: string }[]): CheckCommand | undefined {
  return checkFromTask(doc, task) ?? checkFromSteering(steering);
}

/** `\`npm test\`` → `npm test`; a trailing sentence after the backticks is dropped. */
function unquote(raw: string): string {
  const ticked = /^`([^`]+)`/.exec(raw.trim());
  return (ticked ? (ticked[1] as string) : raw).trim();
}

function stripFrontMatter(text: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}
