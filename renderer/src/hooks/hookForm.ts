import { FILE_EVENTS, HookSchema, TOOL_EVENTS, parseHook, parseJsonDoc, setJsonValue, type HookEvent } from '../../../specs-schema';

/** What the Hooks form shows, read tolerantly from the file's JSON (a half-written hook still shows). */
export interface HookFields {
  name: string;
  description: string;
  enabled: boolean;
  event: string;
  patterns: string[];
  toolTypes: string[];
  action: 'askAgent' | 'runCommand';
  prompt: string;
  command: string;
  /** Seconds, or undefined for Kiro's default (60). */
  timeout: number | undefined;
}

export interface FormRead {
  fields: HookFields;
  /** Set when the text is not a JSON object the form can edit: the raw view is the place to fix it. */
  blocking?: string;
  /** Schema problems by field (`name`, `when.type`, `when.patterns`, `when.toolTypes`, `then.prompt`, …). */
  errors: Record<string, string>;
  /** Problems that belong to no field of the form (legacy keys, unknown structure). */
  otherErrors: string[];
  warnings: string[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const FORM_FIELDS = ['name', 'description', 'when.type', 'when.patterns', 'when.toolTypes', 'then.type', 'then.prompt', 'then.command', 'then.timeout'];

export function readHookForm(text: string): FormRead {
  const doc = parseHook(text);
  const value = doc.json.value;
  const raw = rec(value);
  const when = rec(raw.when ?? raw.trigger);
  const then = rec(raw.then ?? raw.action);
  const fields: HookFields = {
    name: str(raw.name),
    description: str(raw.description),
    enabled: raw.enabled !== false,
    event: str(when.type),
    patterns: strings(when.patterns),
    toolTypes: strings(when.toolTypes),
    action: then.type === 'askAgent' ? 'askAgent' : 'runCommand',
    prompt: str(then.prompt),
    command: str(then.command),
    timeout: typeof then.timeout === 'number' ? then.timeout : undefined,
  };
  const jsonErrors = doc.json.diagnostics.filter((d) => d.severity === 'error');
  const warnings = doc.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  if (jsonErrors.length || value === null || typeof value !== 'object' || Array.isArray(value)) {
    const first = jsonErrors[0];
    return {
      fields,
      blocking: first ? `${first.message} (line ${first.line + 1})` : 'A hook file must hold a JSON object.',
      errors: {},
      otherErrors: [],
      warnings,
    };
  }
  const errors: Record<string, string> = {};
  const otherErrors: string[] = [];
  const result = HookSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      const field = FORM_FIELDS.find((f) => key === f || key.startsWith(`${f}.`)) ?? (key === 'when' || key === 'then' ? `${key}.type` : undefined);
      if (field) errors[field] ??= issue.message;
      else otherErrors.push(key ? `${key}: ${issue.message}` : issue.message);
    }
  }
  return { fields, errors, otherErrors, warnings };
}

/** Sets one JSON path with a minimal edit (undefined removes it); keys the form does not know are kept. */
export function setHookField(text: string, path: (string | number)[], value: unknown): string {
  return setJsonValue(parseJsonDoc(text), path, value).text;
}

/** Switching the event drops the filters that no longer apply (patterns only for file events, toolTypes only for tools). */
export function setHookEvent(text: string, event: HookEvent): string {
  let next = setHookField(text, ['when', 'type'], event);
  const { fields } = readHookForm(next);
  if (FILE_EVENTS.includes(event)) {
    if (fields.patterns.length === 0) next = setHookField(next, ['when', 'patterns'], ['**/*']);
  } else if (fields.patterns.length || rec(rec(parseJsonDoc(next).value).when).patterns !== undefined) {
    next = setHookField(next, ['when', 'patterns'], undefined);
  }
  if (TOOL_EVENTS.includes(event)) {
    if (fields.toolTypes.length === 0) next = setHookField(next, ['when', 'toolTypes'], ['*']);
  } else if (rec(rec(parseJsonDoc(next).value).when).toolTypes !== undefined) {
    next = setHookField(next, ['when', 'toolTypes'], undefined);
  }
  return next;
}

/** Switching the action replaces `then` with the new action's fields, keeping what the user typed for it before. */
export function setHookAction(text: string, action: 'askAgent' | 'runCommand'): string {
  const { fields } = readHookForm(text);
  const then = action === 'askAgent' ? { type: 'askAgent', prompt: fields.prompt } : { type: 'runCommand', command: fields.command, ...(fields.timeout !== undefined ? { timeout: fields.timeout } : {}) };
  return setHookField(text, ['then'], then);
}

/** A new hook's starting text, in the layout Kiro writes (two-space JSON). */
export function newHookText(): string {
  const hook = {
    enabled: true,
    name: '',
    description: '',
    version: '1',
    when: { type: 'fileEdited', patterns: ['src/**/*'] },
    then: { type: 'runCommand', command: '' },
  };
  return JSON.stringify(hook, null, 2) + '\n';
}

/** `.kiro/hooks/<kebab-name>.json` (Kiro 1.0's hook file) for a hook name, or null when the name has no usable characters. */
export function hookFileFor(name: string): string | null {
  const kebab = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return kebab ? `.kiro/hooks/${kebab}.json` : null;
}

/** Patterns typed one per line (or comma-separated) → the list stored in the file. */
export function splitPatterns(text: string): string[] {
  return text
    .split(/\r?\n|,/)
    .map((p) => p.trim())
    .filter(Boolean);
}
