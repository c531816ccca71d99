import type { AgentPriceTable, AgentSettingsWire } from '../../../protocol';

/** One row of the editable price table (strings while typing; numbers once saved). */
export interface PriceRow {
  model: string;
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
}

const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;

export function toRows(prices: AgentPriceTable): PriceRow[] {
  return Object.entries(prices).map(([model, p]) => ({
    model,
    input: String(p.input),
    output: String(p.output),
    cacheRead: String(p.cacheRead),
    cacheWrite: String(p.cacheWrite),
  }));
}

/**
 * The rows as a price table, or the first problem a user would need to fix (named by model and column). Blank rows
 * are dropped, so "Add model" followed by nothing does not block saving.
 */
export function fromRows(rows: readonly PriceRow[]): { ok: true; prices: AgentPriceTable } | { ok: false; problem: string } {
  const prices: AgentPriceTable = {};
  for (const row of rows) {
    const model = row.model.trim();
    if (!model && PRICE_FIELDS.every((f) => row[f].trim() === '')) continue;
    if (!model) return { ok: false, problem: 'A price row has no model id.' };
    if (prices[model]) return { ok: false, problem: `${model} is listed twice in the price table.` };
    const entry = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    for (const f of PRICE_FIELDS) {
      const text = row[f].trim();
      const n = text === '' ? 0 : Number(text);
      if (!Number.isFinite(n) || n < 0) return { ok: false, problem: `${model}: ${f} must be a number of USD per million tokens (got "${row[f]}").` };
      entry[f] = n;
    }
    prices[model] = entry;
  }
  return { ok: true, prices };
}

export function withPrices(settings: AgentSettingsWire, prices: AgentPriceTable): AgentSettingsWire {
  return { ...settings, prices };
}
