/** A spec folder's `.config.kiro`: `{specId, workflowType, specType}` (older files: `{generationMode}`). */
import { z } from 'zod';

export const SPEC_WORKFLOWS = ['requirements-first', 'design-first'] as const;
export const SPEC_TYPES = ['feature', 'bugfix'] as const;
export type SpecWorkflow = (typeof SPEC_WORKFLOWS)[number];
export type SpecType = (typeof SPEC_TYPES)[number];

export const SpecConfigSchema = z.looseObject({
  specId: z.string().optional(),
  workflowType: z.enum(SPEC_WORKFLOWS).optional(),
  specType: z.enum(SPEC_TYPES).optional(),
  generationMode: z.enum(SPEC_WORKFLOWS).optional().describe('Older name of workflowType.'),
});

export type SpecConfig = z.infer<typeof SpecConfigSchema>;
