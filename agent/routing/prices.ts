import { z } from 'zod';
import type { Usage } from '../core/messages';

/** USD per million tokens. */
export const priceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});
export type Price = z.infer<typeof priceSchema>;
export type PriceTable = Record<string, Price>;

/**
 * Starting values from AWS's public on-demand price list (us-east-1); prices change, so the table is a setting the
 * user can edit. Keys are model ids without the inference-profile prefix.
 */
export const DEFAULT_PRICES: PriceTable = {
  'anthropic.claude-sonnet-4-6': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'anthropic.claude-sonnet-4-5-20250929-v1:0': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'anthropic.claude-haiku-4-5-20251001-v1:0': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  'amazon.nova-pro-v1:0': { input: 0.8, output: 3.2, cacheRead: 0.2, cacheWrite: 0 },
  'amazon.nova-lite-v1:0': { input: 0.06, output: 0.24, cacheRead: 0.015, cacheWrite: 0 },
  'amazon.nova-micro-v1:0': { input: 0.035, output: 0.14, cacheRead: 0.00875, cacheWrite: 0 },
};

const PROFILE_PREFIX = /^(us|eu|apac|ap|jp|au|ca|us-gov|global)\./;

/** The price of a model id, trying it as given and without its cross-region prefix; undefined = unknown (cost not shown). */
export function priceFor(table: PriceTable, modelId: string): Price | undefined {
  return table[modelId] ?? table[modelId.replace(PROFILE_PREFIX, '')];
}

export function costUsd(usage: Usage, price: Price | undefined): number | undefined {
  if (!price) return undefined;
  return (
    (usage.inputTokens * price.input + usage.outputTokens * price.output + usage.cacheReadTokens * price.cacheRead + usage.cacheWriteTokens * price.cacheWrite) /
    1_000_000
  );
}
