/**
 * Steering files: listing, inclusion editing, the fileMatch pattern tester, starter files and which steering
 * applies to a file (issue #5 item 4). Spread into the contract by protocol/contract.ts.
 */
import { z } from 'zod';
import { RelPath } from './workspace';

export const SteeringInclusion = z.enum(['always', 'fileMatch', 'manual', 'auto']);
export type SteeringInclusion = z.infer<typeof SteeringInclusion>;

/** workspace: `.kiro/steering/**`; user: `~/.kiro/steering`; agents: `AGENTS.md` at the workspace root. */
export const SteeringSource = z.enum(['workspace', 'user', 'agents']);
export type SteeringSource = z.infer<typeof SteeringSource>;

/** Which file: workspace-relative for workspace and agents, the file name inside `~/.kiro/steering` for user. */
export const SteeringRef = z.object({ source: SteeringSource, path: z.string().min(1).max(4096) });
export type SteeringRef = z.infer<typeof SteeringRef>;

export const SteeringDiagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  /** 0-based line in the file. */
  line: z.number(),
});
export type SteeringDiagnostic = z.infer<typeof SteeringDiagnostic>;

export const SteeringFileInfo = z.object({
  source: SteeringSource,
  path: z.string(),
  /** What to show: `.kiro/steering/tech.md`, `~/.kiro/steering/style.md`, `AGENTS.md`. */
  displayPath: z.string(),
  /** What `#name` in a prompt refers to. */
  name: z.string(),
  /** Effective inclusion (no front matter, or an unknown value, means always). */
  inclusion: SteeringInclusion,
  /** The value as written when Keel does not know it. */
  unknownInclusion: z.string().optional(),
  hasFrontMatter: z.boolean(),
  fileMatchPatterns: z.array(z.string()),
  /** Front matter `name` and `description` (used by auto). */
  frontName: z.string().optional(),
  description: z.string().optional(),
  diagnostics: z.array(SteeringDiagnostic),
  /** A user-level file hidden by the workspace file of the same name (which wins). */
  shadowedBy: z.string().optional(),
});
export type SteeringFileInfo = z.infer<typeof SteeringFileInfo>;

export const SteeringApplication = z.object({
  source: SteeringSource,
  path: z.string(),
  name: z.string(),
  inclusion: SteeringInclusion,
  reason: z.string(),
});
export type SteeringApplication = z.infer<typeof SteeringApplication>;

export const steeringRequests = {
  'steering/list': {
    request: z.object({}),
    response: z.object({ files: z.array(SteeringFileInfo), userDir: z.string() }),
  },
  /**
   * Sets the inclusion (and its settings) by editing only those front matter lines; other keys, comments and the
   * body keep their bytes. Refused (BAD_REQUEST, nothing written) when the front matter does not parse or the
   * combination is invalid (fileMatch without a pattern, auto without a description).
   */
  'steering/setInclusion': {
    request: z.object({
      file: SteeringRef,
      inclusion: SteeringInclusion,
      fileMatchPatterns: z.array(z.string().max(1000)).max(50).optional(),
      name: z.string().max(200).nullable().optional(),
      description: z.string().max(2000).nullable().optional(),
    }),
    response: z.object({ file: SteeringFileInfo, changed: z.boolean() }),
  },
  /** Workspace files (the file index, .gitignore honoured) that the patterns select, first `limit` by path. */
  'steering/testPattern': {
    request: z.object({ patterns: z.array(z.string().max(1000)).max(50), limit: z.number().int().min(1).max(1000).optional() }),
    response: z.object({ matches: z.array(RelPath), total: z.number() }),
  },
  /** Writes `.kiro/steering/{product,tech,structure}.md` with starter text; an existing file is never touched. */
  'steering/createDefaults': {
    request: z.object({}),
    response: z.object({ created: z.array(RelPath), existing: z.array(RelPath) }),
  },
  /** Steering that applies to a workspace file on its own, and what joins only on request (manual, auto). */
  'steering/appliesTo': {
    request: z.object({ path: RelPath }),
    response: z.object({ applies: z.array(SteeringApplication), onRequest: z.array(SteeringApplication) }),
  },
} as const;

export const steeringEvents = {} as const;
