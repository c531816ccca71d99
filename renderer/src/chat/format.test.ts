import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, formatTokens, formatUsage, shortModel, usageDetail } from './format';

const t = (input: number, output: number, cacheRead: number, costUsd: number | null) => ({
  usage: { inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: 0 },
  costUsd,
});

describe('meter formatting', () => {
  it('shortens token counts', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(2_000)).toBe('2k');
    expect(formatTokens(2_500_000)).toBe('2.5M');
  });

  it('never shows a cheap turn as free, nor an unpriced model as $0', () => {
    expect(formatCost(0.0004)).toBe('<$0.01');
    expect(formatCost(0.123)).toBe('$0.12');
    expect(formatCost(null)).toBe('');
    expect(formatUsage(t(200, 50, 1000, null))).toBe('1.2k in (1k cached) · 50 out');
    expect(formatUsage(t(200, 50, 0, 0.02))).toBe('200 in · 50 out · $0.02');
    expect(usageDetail(t(1, 1, 0, null))).toContain('no price for this model');
  });

  it('formats durations and model names', () => {
    expect(formatDuration(12)).toBe('12 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(shortModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe('claude-sonnet-4-5');
    expect(shortModel('us.amazon.nova-pro-v1:0')).toBe('nova-pro');
    expect(shortModel('llama3.1')).toBe('llama3.1');
    expect(shortModel('gpt-4o')).toBe('gpt-4o');
  });
});
