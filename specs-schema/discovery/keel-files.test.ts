import { describe, expect, it } from 'vitest';
import { checkFiles } from '../check';
import { fileKind } from '../file-kind';
import { discover } from './discover';

/**
 * Keel keeps one committed file of its own under `.kiro/`: the drift review record. Kiro reads only specs/,
 * steering/, hooks/ and settings/; Keel's discovery and checks must treat the file as an ordinary file too.
 */
const REVIEWED = '.kiro/keel/drift-reviewed.json';
const text = JSON.stringify({ '//': 'Keel', version: 1, tasks: { '.kiro/specs/a#1': { reviewedAt: '2026-01-01T00:00:00.000Z', files: {}, requirements: {} } } });

describe('Keel’s own .kiro/keel/ files', () => {
  it('are no spec, steering, hook or MCP file', () => {
    expect(fileKind(REVIEWED)).toBe('other');
    const d = discover({ workspaceFiles: ['.kiro/specs/a/tasks.md', REVIEWED], readText: () => text });
    expect(d.specs.map((s) => [s.dir, s.extra])).toEqual([['.kiro/specs/a', []]]);
    expect([...d.steering, ...d.hooks, ...d.mcp, ...d.agents]).toEqual([]);
  });

  it('get no diagnostics from the checks keel spec check runs, whatever they hold', () => {
    expect(checkFiles([{ path: REVIEWED, text }])).toEqual([]);
    expect(checkFiles([{ path: REVIEWED, text: '<<<<<<< HEAD\nnot json' }])).toEqual([]);
  });
});
