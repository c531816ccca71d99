/**
 * Workspace trust and command approval (issue #8). Hooks and MCP channels live in protocol/hooks.ts and
 * protocol/mcp.ts and are spread into the exports below, so protocol/contract.ts sees one map for the feature.
 */
import { z } from 'zod';
import { hooksEvents, hooksRequests } from './hooks';
import { mcpEvents, mcpRequests } from './mcp';
import { RelPath } from './workspace';

export * from './hooks';
export * from './mcp';

/** `undecided`: never asked (the first-open dialog shows); `restricted`: the user chose restricted mode. */
export const TrustDecision = z.enum(['trusted', 'restricted', 'undecided']);
export type TrustDecision = z.infer<typeof TrustDecision>;

/** A hook file or mcp.json that changed (or appeared) since the user approved the folder's files. */
export const PendingApproval = z.object({
  file: RelPath,
  state: z.enum(['new', 'changed']),
  /** The text the user approves: sent back with `trust/approveFile`, so a later swap is not approved with it. */
  content: z.string(),
  /** Unified diff from the approved text to `content` (state `changed`). */
  diff: z.string().optional(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export const TrustState = z.object({
  root: z.string(),
  decision: TrustDecision,
  /** Hook files and mcp.json present now: what trusting the folder lets run. */
  guardedFiles: z.array(RelPath),
  /** Only in a trusted folder: files that wait for approval (they do not run until approved). */
  pending: z.array(PendingApproval),
  /** The stored decisions could not be read (they were kept aside; nothing is trusted). */
  problem: z.string().optional(),
});
export type TrustState = z.infer<typeof TrustState>;

export const CommandRule = z.object({ pattern: z.string().min(1).max(1000), match: z.enum(['prefix', 'exact']) });
export type CommandRule = z.infer<typeof CommandRule>;

/** One simple command of the line, as judged (shown as a list in the ask dialog). */
export const JudgedCommandInfo = z.object({ text: z.string(), trusted: z.boolean(), reason: z.string(), origin: z.string() });

/** A rule of Kiro's permissions.yaml as a prompt names it (the one that made a command ask). */
export const PermissionRuleRef = z.object({
  effect: z.enum(['deny', 'ask', 'allow']),
  scope: z.enum(['workspace', 'user']),
  file: z.string(),
  /** 0-based position in the file's rule list. */
  index: z.number().int().min(0),
  /** `<file>, rule <n>: <rule text>`. */
  label: z.string(),
});
export type PermissionRuleRef = z.infer<typeof PermissionRuleRef>;

/** Where "Always allow" writes its rule: this workspace's or the user's permissions.yaml. */
export const PermissionScope = z.enum(['workspace', 'user']);
export type PermissionScope = z.infer<typeof PermissionScope>;

/** A command waiting for the user's answer. */
export const CommandAsk = z.object({
  id: z.string(),
  command: z.string(),
  cwd: z.string().optional(),
  source: z.enum(['agent', 'hook']),
  sessionId: z.string().optional(),
  /** Non-empty: the command is destructive (shown as a warning; "Run and trust" is not offered). */
  warnings: z.array(z.string()),
  commands: z.array(JudgedCommandInfo),
  /** The prefix patterns "Run and trust" adds; empty when trusting cannot make this command run unasked. */
  suggestedPatterns: z.array(z.string()),
  parseError: z.string().optional(),
  /** The permissions rule that asked (a command the trust rules alone would have run, or would have asked about). */
  rule: PermissionRuleRef.optional(),
});
export type CommandAsk = z.infer<typeof CommandAsk>;

export const CommandAnswer = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('run') }),
  /**
   * Runs and adds `patterns` (from `suggestedPatterns`): as an allow rule in the `scope`'s permissions.yaml ("Always
   * allow"), or without a scope as prefix rules of Keel's own command trust.
   */
  z.object({ choice: z.literal('runAndTrust'), patterns: z.array(z.string().min(1)).min(1), scope: PermissionScope.optional() }),
  /** Runs the command as the user edited it. */
  z.object({ choice: z.literal('modify'), command: z.string().min(1).max(100_000) }),
  z.object({ choice: z.literal('reject'), reason: z.string().max(10_000).optional() }),
]);
export type CommandAnswer = z.infer<typeof CommandAnswer>;

export const CommandVerdictInfo = z.object({
  decision: z.enum(['run', 'ask']),
  warnings: z.array(z.string()),
  commands: z.array(JudgedCommandInfo),
  suggestedPatterns: z.array(z.string()),
  parseError: z.string().optional(),
});
export type CommandVerdictInfo = z.infer<typeof CommandVerdictInfo>;

const Empty = z.object({});

const trustOnlyRequests = {
  'trust/state': { request: Empty, response: TrustState },
  /** The answer to the first-open dialog (or a later change in the status bar menu). */
  'trust/decide': { request: z.object({ decision: z.enum(['trusted', 'restricted']) }), response: TrustState },
  /** Approves exactly `content` of a pending hook file or mcp.json (the text shown in the re-approval dialog). */
  'trust/approveFile': { request: z.object({ file: RelPath, content: z.string() }), response: TrustState },
  'trust/commandAsks': { request: Empty, response: z.object({ asks: z.array(CommandAsk) }) },
  'trust/answerCommand': { request: z.object({ id: z.string(), answer: CommandAnswer }), response: Empty },
  'trust/commandRules': { request: Empty, response: z.object({ rules: z.array(CommandRule) }) },
  'trust/addCommandRule': { request: CommandRule, response: z.object({ rules: z.array(CommandRule) }) },
  'trust/removeCommandRule': { request: CommandRule, response: z.object({ rules: z.array(CommandRule) }) },
  /** How a command would be judged now (the rules editor's tester). */
  'trust/evaluateCommand': { request: z.object({ command: z.string().max(100_000) }), response: CommandVerdictInfo },
} as const;

const trustOnlyEvents = {
  'trust/changed': TrustState,
  'trust/commandAsk': CommandAsk,
  /** The ask was answered (maybe in another window) or withdrawn (the agent stopped): close its dialog. */
  'trust/commandAskClosed': z.object({ id: z.string() }),
} as const;

export const trustRequests = { ...trustOnlyRequests, ...hooksRequests, ...mcpRequests } as const;

export const trustEvents = { ...trustOnlyEvents, ...hooksEvents, ...mcpEvents } as const;
