/** Hooks pane channels (issues #8 and #5.5); spread into `trustRequests` / `trustEvents` by protocol/trust.ts. */
import { z } from 'zod';
import { RelPath } from './workspace';

export const HookStatus = z.enum(['ready', 'disabled', 'invalid', 'unsupported']);

/** A hook as the Hooks pane lists it (a Kiro 1.0 file may hold several). */
export const HookInfo = z.object({
  /** The hook's id: its file for a 0.x hook (`.kiro/hooks/x.kiro.hook`), `<file>#<index>` for a hook of a v1 file. */
  id: RelPath,
  /** The file holding it: workspace-relative, or `~/.kiro/hooks/x.json` for the user's own hooks. */
  file: RelPath.optional(),
  name: z.string(),
  status: HookStatus,
  /** `v1`: Kiro 1.0's `{"version": "v1", "hooks": [...]}`; `legacy`: a 0.x `when`/`then` hook. */
  format: z.enum(['v1', 'legacy']).optional(),
  scope: z.enum(['workspace', 'user']).optional(),
  /** The engine's event (0.x names, plus `sessionStart`). */
  event: z.string().optional(),
  /** The v1 trigger (a 0.x hook's event under its v1 name). */
  trigger: z.string().optional(),
  /** A v1 matcher, or a 0.x hook's patterns / tool types joined with ", ". */
  matcher: z.string().optional(),
  description: z.string().optional(),
  action: z.enum(['runCommand', 'askAgent']).optional(),
  /** invalid / unsupported: why. */
  reason: z.string().optional(),
  warnings: z.array(z.string()),
  /** Changed since the user approved it (or never approved): it does not run until approved. */
  needsApproval: z.boolean(),
  /** runCommand hooks: the user chose to run it in a visible terminal (a Keel setting on this machine, not in the file). */
  inTerminal: z.boolean().optional(),
});
export type HookInfo = z.infer<typeof HookInfo>;

export const HookRunStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'timedOut', 'cancelled', 'blocked']);
export type HookRunStatus = z.infer<typeof HookRunStatus>;

export const HookRunInfo = z.object({
  id: z.string(),
  hookId: z.string(),
  hookName: z.string(),
  action: z.enum(['runCommand', 'askAgent']),
  trigger: z.object({
    event: z.string(),
    files: z.array(z.string()).optional(),
    prompt: z.string().optional(),
    tool: z.object({ name: z.string(), category: z.string().optional() }).optional(),
    task: z.object({ spec: z.string(), taskId: z.string(), title: z.string() }).optional(),
  }),
  status: HookRunStatus,
  queuedAt: z.number(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  durationMs: z.number().optional(),
  exitCode: z.number().nullable().optional(),
  output: z.string(),
  reason: z.string().optional(),
});
export type HookRunInfo = z.infer<typeof HookRunInfo>;

/** Whether hooks run at all in this folder, and why not. */
export const HooksState = z.object({
  hooks: z.array(HookInfo),
  /** Set when no hook runs (untrusted folder): the reason, in words. */
  blocked: z.string().optional(),
});
export type HooksState = z.infer<typeof HooksState>;

const HookFile = RelPath.refine((p) => /^\.kiro\/hooks\/[^/]+(\.kiro\.hook|\.json)$/.test(p), 'a file directly in .kiro/hooks/ ending in .kiro.hook or .json');
/** A hook's id: a workspace hook file, `<file>#<index>` for a hook of a v1 file, or a user hook (`~/.kiro/hooks/…`). */
const HookId = RelPath.refine((p) => /^(\.kiro\/hooks|~\/\.kiro\/hooks)\/[^/]+(\.kiro\.hook|\.json)(#\d+)?$/.test(p), 'a hook id (.kiro/hooks/<file>[#n])');

const Empty = z.object({});

export const hooksRequests = {
  'hooks/list': { request: Empty, response: HooksState },
  /** Sets `enabled` in the hook file (a minimal edit; the rest of the file is kept byte for byte). */
  'hooks/setEnabled': { request: z.object({ id: HookId, enabled: z.boolean() }), response: Empty },
  /** Runs a userTriggered (Manual) hook now. */
  'hooks/run': { request: z.object({ id: HookId }), response: z.object({ runId: z.string() }) },
  'hooks/cancelRun': { request: z.object({ runId: z.string() }), response: Empty },
  'hooks/runs': { request: Empty, response: z.object({ runs: z.array(HookRunInfo) }) },
  /**
   * Writes a hook file from the form or the raw view. The content must be a valid hook (else BAD_REQUEST with the
   * schema's message); what the user wrote in Keel counts as approved. `create: true` refuses to replace a file.
   */
  'hooks/save': { request: z.object({ id: HookFile, content: z.string().max(1_000_000), create: z.boolean().default(false) }), response: Empty },
  'hooks/delete': { request: z.object({ id: HookFile }), response: Empty },
  /** Runs this runCommand hook in a visible terminal tab (true) or in the background (false); kept in user data. */
  'hooks/setTerminal': { request: z.object({ id: HookId, inTerminal: z.boolean() }), response: Empty },
  /**
   * Upgrade of a 0.x hook: the v1 file it becomes (`file`, `content`) and the diff from the old file, nothing
   * written. `hooks/save` with `create: true` writes it; `hooks/delete` removes the old file once the user confirms.
   */
  'hooks/upgradePreview': { request: z.object({ id: HookFile }), response: z.object({ file: RelPath, content: z.string(), diff: z.string() }) },
  /** The form's live preview: workspace files the patterns select, with the engine's own matching rules. */
  'hooks/matchFiles': {
    request: z.object({ patterns: z.array(z.string().max(1000)).max(100), limit: z.number().int().min(1).max(1000).default(50) }),
    response: z.object({ files: z.array(RelPath), total: z.number() }),
  },
} as const;

export const hooksEvents = {
  'hooks/changed': HooksState,
  /** A run was queued, started or ended (the run log updates in place). */
  'hooks/run': HookRunInfo,
} as const;
