/**
 * The `*.kiro.hook` format: `{enabled, name, description, version, when: {type, patterns?, toolTypes?},
 * then: {type: askAgent, prompt} | {type: runCommand, command, timeout?}}`. Objects are loose so keys Kiro adds
 * later (shortName, workspaceFolderName, …) survive validation.
 */
import { z } from 'zod';

export const HOOK_EVENTS = [
  'fileEdited',
  'fileCreated',
  'fileDeleted',
  'userTriggered',
  'promptSubmit',
  'agentStop',
  'preToolUse',
  'postToolUse',
  'preTaskExecution',
  'postTaskExecution',
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Event names seen in real hook files (older Kiro builds, hand-written hooks) and what they mean today. */
export const LEGACY_HOOK_EVENTS: Readonly<Record<string, HookEvent>> = {
  manual: 'userTriggered',
  fileEdit: 'fileEdited',
  fileSave: 'fileEdited',
  fileSaved: 'fileEdited',
  fileCreate: 'fileCreated',
  fileDelete: 'fileDeleted',
  userPrompt: 'promptSubmit',
  agentExecutionStarted: 'promptSubmit',
  agentExecutionCompleted: 'agentStop',
};

export const FILE_EVENTS: readonly HookEvent[] = ['fileEdited', 'fileCreated', 'fileDeleted'];
export const TOOL_EVENTS: readonly HookEvent[] = ['preToolUse', 'postToolUse'];

export const HookWhenSchema = z
  .looseObject({
    type: z.enum(HOOK_EVENTS).describe('The event that triggers the hook.'),
    patterns: z.array(z.string()).optional().describe('Glob patterns of the files a file event applies to.'),
    toolTypes: z.array(z.string()).optional().describe('Tool names or categories (regular expressions allowed) for tool events.'),
  })
  .superRefine((when, ctx) => {
    if (FILE_EVENTS.includes(when.type) && !when.patterns?.length) {
      ctx.addIssue({ code: 'custom', path: ['patterns'], message: `A ${when.type} hook needs at least one file pattern.` });
    }
    if (TOOL_EVENTS.includes(when.type) && !when.toolTypes?.length) {
      ctx.addIssue({ code: 'custom', path: ['toolTypes'], message: `A ${when.type} hook needs at least one tool type.` });
    }
  });

export const HookThenSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('askAgent'),
    prompt: z.string().min(1, 'The prompt must not be empty.'),
  }),
  z.looseObject({
    type: z.literal('runCommand'),
    command: z.string().min(1, 'The command must not be empty.'),
    timeout: z.number().positive().optional().describe('Seconds before the command is stopped.'),
  }),
]);

export const HookSchema = z.looseObject({
  enabled: z.boolean().optional(),
  name: z.string().min(1, 'A hook needs a name.'),
  description: z.string().optional(),
  version: z.string().optional(),
  when: HookWhenSchema,
  then: HookThenSchema,
});

export type Hook = z.infer<typeof HookSchema>;
export type HookWhen = z.infer<typeof HookWhenSchema>;
export type HookThen = z.infer<typeof HookThenSchema>;
