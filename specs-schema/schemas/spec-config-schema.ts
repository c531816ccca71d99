/** A spec folder's `.config.kiro`: `{specId, workflowType, specType}` (older files: `{generationMode}`). */
import { z } from 'zod';

/** The order Keel writes a spec's documents in. */
export const SPEC_WORKFLOWS = ['requirements-first', 'design-first'] as const;
/**
 * `workflowType` values Kiro writes: Keel's two orders, `fast-task` (Kiro's quick spec: all documents in one pass)
 * and `spec` (no order recorded). Both read as requirements-first; any other value is kept and reported.
 */
export const KIRO_WORKFLOW_TYPES = [...SPEC_WORKFLOWS, 'fast-task', 'spec'] as const;
export const SPEC_TYPES = ['feature', 'bugfix'] as const;
export type SpecWorkflow = (typeof SPEC_WORKFLOWS)[number];
export type KiroWorkflowType = (typeof KIRO_WORKFLOW_TYPES)[number];
export type SpecType = (typeof SPEC_TYPES)[number];

/** A known value (offered by editors) or any other string (kept, with a warning from the parser). */
const workflowValue = z.union([z.enum(KIRO_WORKFLOW_TYPES), z.string()]);

export const SpecConfigSchema = z.looseObject({
  specId: z.string().optional(),
  workflowType: workflowValue.optional(),
  specType: z.enum(SPEC_TYPES).optional(),
  generationMode: workflowValue.optional().describe('Older name of workflowType.'),
});

export type SpecConfig = z.infer<typeof SpecConfigSchema>;
