/** Steering front matter: `inclusion` (always | fileMatch | manual | auto), `fileMatchPattern`, `name`, `description`. */
import { z } from 'zod';

export const STEERING_INCLUSIONS = ['always', 'fileMatch', 'manual', 'auto'] as const;
export type SteeringInclusion = (typeof STEERING_INCLUSIONS)[number];

export const SteeringFrontMatterSchema = z
  .looseObject({
    inclusion: z.enum(STEERING_INCLUSIONS).optional().describe('When the steering file is added to the agent context (default always).'),
    fileMatchPattern: z.union([z.string(), z.array(z.string())]).optional().describe('Glob(s) for inclusion: fileMatch.'),
    name: z.string().optional(),
    description: z.string().optional().describe('What the file is for; used to decide auto inclusion.'),
  })
  .superRefine((fm, ctx) => {
    if (fm.inclusion === 'fileMatch' && (fm.fileMatchPattern === undefined || fm.fileMatchPattern.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['fileMatchPattern'], message: 'inclusion: fileMatch needs a fileMatchPattern.' });
    }
    if (fm.inclusion === 'auto' && !fm.description) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'inclusion: auto needs a description so the agent can decide when to load it.' });
    }
  });

export type SteeringFrontMatter = z.infer<typeof SteeringFrontMatterSchema>;
