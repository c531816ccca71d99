import { z } from 'zod';
import { DEFAULT_PRICES, priceSchema } from './prices';

/**
 * Default models per role. Claude 4.x on Bedrock is invoked through a cross-region inference profile (the `us.`
 * prefix); a bare model id fails with "on-demand throughput isn't supported". Sonnet 4.6 uses the newer id scheme
 * without a date; `us.anthropic.claude-sonnet-4-5-20250929-v1:0` is the previous one.
 */
export const DEFAULT_PLANNER_MODEL = 'us.anthropic.claude-sonnet-4-6';
export const DEFAULT_EXECUTOR_MODEL = 'us.amazon.nova-pro-v1:0';
/** Ollama's OpenAI-compatible endpoint, the documented local example. */
export const OLLAMA_BASE_URL = 'http://localhost:11434/v1';

export const roleNames = ['planner', 'executor'] as const;
export type AgentRole = (typeof roleNames)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const roleSchema = z.object({
  provider: z.enum(['bedrock', 'openai']),
  model: z.string().trim().min(1, 'model is required'),
});

export const agentSettingsSchema = z.object({
  bedrock: z
    .object({
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'looks like us-east-1').default('us-east-1'),
      /** A named profile of ~/.aws/config; unset uses the default credential chain. */
      profile: z.string().min(1).optional(),
      /** Overrides the regional endpoint; KEEL_BEDROCK_ENDPOINT overrides this in turn. */
      endpoint: httpUrl.optional(),
    })
    .default({ region: 'us-east-1' }),
  openai: z
    .object({
      baseURL: httpUrl.default(OLLAMA_BASE_URL),
      apiKey: z.string().optional(),
    })
    .default({ baseURL: OLLAMA_BASE_URL }),
  roles: z
    .object({
      planner: roleSchema.default({ provider: 'bedrock', model: DEFAULT_PLANNER_MODEL }),
      executor: roleSchema.default({ provider: 'bedrock', model: DEFAULT_EXECUTOR_MODEL }),
    })
    .default({ planner: { provider: 'bedrock', model: DEFAULT_PLANNER_MODEL }, executor: { provider: 'bedrock', model: DEFAULT_EXECUTOR_MODEL } }),
  /** USD per million tokens, by model id; user-editable. */
  prices: z.record(z.string(), priceSchema).default(DEFAULT_PRICES),
  mode: z.enum(['supervised', 'autopilot']).default('supervised'),
});

export type AgentSettings = z.infer<typeof agentSettingsSchema>;

export type SettingsResult = { ok: true; settings: AgentSettings } | { ok: false; errors: string[] };

/** Validates settings as stored (partial JSON is fine: defaults fill the gaps); errors name the field. */
export function parseAgentSettings(input: unknown): SettingsResult {
  const r = agentSettingsSchema.safeParse(input ?? {});
  if (r.success) return { ok: true, settings: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`) };
}

export const defaultAgentSettings = (): AgentSettings => agentSettingsSchema.parse({});
