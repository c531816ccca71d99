import { describe, expect, it } from 'vitest';
import { fromRows, toRows } from './settingsForm';

describe('price table rows', () => {
  it('round-trips a table and ignores blank rows', () => {
    const table = { 'amazon.nova-pro-v1:0': { input: 0.8, output: 3.2, cacheRead: 0.2, cacheWrite: 0 } };
    const rows = [...toRows(table), { model: '', input: '', output: '', cacheRead: '', cacheWrite: '' }];
    expect(fromRows(rows)).toEqual({ ok: true, prices: table });
  });

  it('names the model and column of a bad number, and a duplicate model', () => {
    expect(fromRows([{ model: 'm', input: 'abc', output: '1', cacheRead: '0', cacheWrite: '0' }])).toEqual({
      ok: false,
      problem: 'm: input must be a number of USD per million tokens (got "abc").',
    });
    expect(fromRows([{ model: 'm', input: '-1', output: '1', cacheRead: '0', cacheWrite: '0' }])).toMatchObject({ ok: false });
    const row = { model: 'm', input: '1', output: '1', cacheRead: '0', cacheWrite: '0' };
    expect(fromRows([row, row])).toEqual({ ok: false, problem: 'm is listed twice in the price table.' });
    expect(fromRows([{ ...row, model: ' ' }])).toEqual({ ok: false, problem: 'A price row has no model id.' });
  });
});
