import { z } from 'zod';
import { RelPath } from './workspace';

/** A spec found under some `.kiro/specs/`, with what the Specs view shows without opening it. */
export const SpecSummary = z.object({
  /** Path below `.kiro/specs/` (nested folders kept). */
  name: z.string(),
  /** Workspace-relative folder of the spec. */
  dir: RelPath,
  type: z.enum(['feature', 'bugfix']),
  workflow: z.enum(['requirements-first', 'design-first']),
  files: z.object({
    requirements: RelPath.optional(),
    design: RelPath.optional(),
    tasks: RelPath.optional(),
    bugfix: RelPath.optional(),
    config: RelPath.optional(),
  }),
  /** Tasks in tasks.md as on disk (sub-tasks included); optional tasks count like the others. */
  tasks: z.object({ done: z.number(), total: z.number() }),
});
export type SpecSummary = z.infer<typeof SpecSummary>;

export const specsRequests = {
  'spec/list': {
    request: z.object({}),
    response: z.object({ specs: z.array(SpecSummary) }),
  },
  /** Creates `.kiro/specs/<name>/` with `.config.kiro` and starter documents; fails if the folder exists. */
  'spec/create': {
    request: z.object({
      name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case name (a-z, 0-9 and single dashes)').max(100),
      type: z.enum(['feature', 'bugfix']),
      workflow: z.enum(['requirements-first', 'design-first']),
    }),
    response: SpecSummary,
  },
} as const;
