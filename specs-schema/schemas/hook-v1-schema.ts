/**
 * Kiro 1.0's hook files (`.kiro/hooks/*.json`, `~/.kiro/hooks/*.json`): `{"version": "v1", "hooks": [{name,
 * description?, trigger, matcher?, action: {type: command, command, timeout?} | {type: agent, prompt}, timeout?,
 * enabled?}]}`. Kiro documents `timeout` on the hook; real files put it inside `action` — both are read. Objects
 * are loose so keys Kiro adds later survive.
 */
import { z } from 'zod';
import type { HookEvent } from './hook-schema';

export const HOOK_TRIGGERS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'Stop',
  'PostFileSave',
  'PostFileCreate',
  'PostFileDelete',
  'PreTaskExec',
  'PostTaskExec',
  'Manual',
] as const;
export type HookV1Trigger = (typeof HOOK_TRIGGERS)[number];

/** Triggers whose `matcher` is a regular expression over the file path. */
export const FILE_TRIGGERS: readonly HookV1Trigger[] = ['PostFileSave', 'PostFileCreate', 'PostFileDelete'];
/** Triggers whose `matcher` is a regular expression over the tool name. */
export const TOOL_TRIGGERS: readonly HookV1Trigger[] = ['PreToolUse', 'PostToolUse'];

/**
 * The 0.x `when.type` events and the v1 trigger each one became. SessionStart has no 0.x event: the engine's
 * event set is the 0.x one plus `sessionStart`.
 */
export const TRIGGER_OF_EVENT: Readonly<Record<HookEvent, HookV1Trigger>> = {
  fileEdited: 'PostFileSave',
  fileCreated: 'PostFileCreate',
  fileDeleted: 'PostFileDelete',
  userTriggered: 'Manual',
  promptSubmit: 'UserPromptSubmit',
  agentStop: 'Stop',
  preToolUse: 'PreToolUse',
  postToolUse: 'PostToolUse',
  preTaskExecution: 'PreTaskExec',
  postTaskExecution: 'PostTaskExec',
};

const Timeout = z.number().positive('The timeout must be a positive number of seconds.').describe('Seconds before the command is stopped (default 60).');

export const HookV1ActionSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('command'),
    command: z.string().min(1, 'The command must not be empty.'),
    timeout: Timeout.optional(),
  }),
  z.looseObject({
    type: z.literal('agent'),
    prompt: z.string().min(1, 'The prompt must not be empty.'),
  }),
]);

export const HookV1Schema = z.looseObject({
  name: z.string().min(1, 'A hook needs a name.'),
  description: z.string().optional(),
  trigger: z.enum(HOOK_TRIGGERS).describe('When the hook runs.'),
  matcher: z
    .string()
    .optional()
    .describe('A regular expression over the file path (file triggers) or the tool name (tool triggers); absent: everything.')
    .refine((m) => m === undefined || validRegex(m), 'The matcher is not a valid regular expression.'),
  action: HookV1ActionSchema,
  timeout: Timeout.optional(),
  enabled: z.boolean().optional().describe('Defaults to true.'),
});

export const HookV1FileSchema = z.looseObject({
  version: z.literal('v1'),
  hooks: z.array(z.unknown()).describe('The hooks of this file; each is checked on its own.'),
});

/** The whole file with every hook's shape (for editors' JSON Schema; the parser checks hooks one by one). */
export const HookV1DocumentSchema = z.looseObject({ version: z.literal('v1'), hooks: z.array(HookV1Schema) });

export type HookV1 = z.infer<typeof HookV1Schema>;
export type HookV1Action = z.infer<typeof HookV1ActionSchema>;

function validRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
