import type { UsageTotals } from './model';

/** 950 → "950", 12_345 → "12.3k", 2_500_000 → "2.5M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(x: number): string {
  return x >= 100 ? Math.round(x).toString() : x.toFixed(1).replace(/\.0$/, '');
}

/** Cents matter for a turn, fractions of a cent do not: "<$0.01" rather than "$0.00" for a cheap turn. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '';
  if (usd === 0) return '$0';
  if (usd < 0.01) return '<$0.01';
  return `$${usd < 10 ? usd.toFixed(2) : usd.toFixed(1)}`;
}

/** One line for a meter: "1.2k in (800 cached) · 300 out · $0.02". */
export function formatUsage(t: UsageTotals | undefined): string {
  if (!t) return '';
  const u = t.usage;
  const cached = u.cacheReadTokens > 0 ? ` (${formatTokens(u.cacheReadTokens)} cached)` : '';
  const cost = formatCost(t.costUsd);
  return `${formatTokens(u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens)} in${cached} · ${formatTokens(u.outputTokens)} out${cost ? ` · ${cost}` : ''}`;
}

/** Full figures for a tooltip. */
export function usageDetail(t: UsageTotals | undefined, modelId?: string): string {
  if (!t) return '';
  const u = t.usage;
  const lines = [
    modelId ? `Model: ${modelId}` : '',
    `Input: ${u.inputTokens.toLocaleString('en')} tokens`,
    `Cache read: ${u.cacheReadTokens.toLocaleString('en')} · cache write: ${u.cacheWriteTokens.toLocaleString('en')}`,
    `Output: ${u.outputTokens.toLocaleString('en')} tokens`,
    t.costUsd === null || t.costUsd === undefined ? 'Cost: no price for this model (edit the price table in Agent settings)' : `Cost: $${t.costUsd.toFixed(4)}`,
  ];
  return lines.filter(Boolean).join('\n');
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The short model name for the composer: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" → "claude-sonnet-4-5". */
export function shortModel(modelId: string): string {
  // Bedrock ids are `[geo.]vendor.model-date-vN:M`; other providers' names (llama3.1, gpt-4o) are kept as they are.
  const m = /^(?:[a-z]{2,4}\.)?[a-z0-9-]+\.([a-z].*)$/.exec(modelId);
  if (!m || /^\d/.test(m[1]!)) return modelId;
  return m[1]!.replace(/-\d{8}/, '').replace(/-v\d+(:\d+)?$/, '').replace(/:\d+$/, '') || modelId;
}
