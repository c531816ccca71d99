/** tasks.meta.json from real Kiro projects (committed byte-exact under corpus/samples), read and extended. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, serializeFile } from '../parse-file';
import { parseTasks } from './parse-tasks';
import { appendTaskExecution, metaFor, parseTasksMeta, taskMetaKey } from './tasks-meta';

const samples = join(import.meta.dirname, '..', 'corpus', 'samples');
const sample = (repo: string, spec: string) => readFileSync(join(samples, repo, 'kiro', 'specs', spec, 'tasks.meta.json'), 'utf8');
const events = sample('PeterGeers__jabaki-rentals', 'events-refactor');
const vietnamese = sample('ngcongtunglam209__gpt_signup_hybrid', 'reg-hybrid-deactivated-after-signup');

describe('tasks.meta.json', () => {
  it('reads executionHistory keyed by the task line, and round-trips byte for byte', () => {
    const meta = parseTasksMeta(events);
    expect(serializeFile(parseFile('.kiro/specs/events-refactor/tasks.meta.json', events))).toBe(events);
    expect(meta.diagnostics).toEqual([]);
    expect(meta.pbtResults.size).toBe(0);
    expect([...meta.executionHistory.keys()]).toEqual([
      '1. Remove dead code and discontinued events',
      '2. Create event data file with all 16 events',
      '3. Add all event translation keys to i18n.ts',
      '4. Create reusable EventCard component',
      '5. Replace EventsPage in App.tsx with data-driven version',
      '6. Verify build, lint, and visual output',
    ]);
    expect(meta.executionHistory.get('1. Remove dead code and discontinued events')).toEqual([
      { executionId: '6aa72db2-2596-4d89-9d02-95d40b1e6778', chatSessionId: 'sess_4588c9c0-9e42-409b-be8e-99a2fdff5dc5', timestamp: 1787231578339 },
      { executionId: '6aa72db2-2596-4d89-9d02-95d40b1e6778', chatSessionId: 'sess_4588c9c0-9e42-409b-be8e-99a2fdff5dc5', timestamp: 1787231586870 },
    ]);
  });

  it('reads pbtResults with a failing example (Vietnamese task titles)', () => {
    const meta = parseTasksMeta(vietnamese);
    expect(meta.pbtResults.size).toBe(4);
    const first = meta.pbtResults.get('1. Viết test reproduce drift hybrid vs golden (TRƯỚC khi fix)');
    expect(first?.status).toBe('passed');
    expect(first?.lastRunTimestamp).toBe(1782523580819);
    expect(first?.failingExample).toMatch(/^Exploration test FAIL trên code CHƯA fix/);
    expect(meta.executionHistory.get('5.2 Cân nhắc bỏ shared-browser pool (ứng viên #2)')).toHaveLength(4);
  });

  it('finds a task’s entries by its line as written', () => {
    const doc = parseTasks('- [x] 1. Remove dead code and discontinued events\n- [ ]* 2.  Create event data file with all 16 events\n');
    expect(taskMetaKey(doc, doc.all[1]!)).toBe('2.  Create event data file with all 16 events');
    const meta = parseTasksMeta(events);
    expect(metaFor(meta, doc, doc.all[0]!).runs).toHaveLength(2);
    // The title alone still finds the history after spacing or numbering changed.
    expect(metaFor(meta, doc, doc.all[1]!)).toMatchObject({ key: '2. Create event data file with all 16 events', runs: [{ timestamp: 1787231578433 }] });
  });

  it('appends a run in Kiro’s shape, changing only that task’s array', () => {
    const run = { executionId: 'keel-run-1', chatSessionId: 'keel-session-1', timestamp: 1790000000000 };
    const out = appendTaskExecution(events, '4. Create reusable EventCard component', run);
    expect(out.diagnostics).toEqual([]);
    const expected = events.replace(
      '        "timestamp": 1787231578603\n      }\n    ],',
      '        "timestamp": 1787231578603\n      },\n      {\n        "executionId": "keel-run-1",\n        "chatSessionId": "keel-session-1",\n        "timestamp": 1790000000000\n      }\n    ],',
    );
    expect(out.text).toBe(expected);
    expect(parseTasksMeta(out.text).executionHistory.get('4. Create reusable EventCard component')?.at(-1)).toEqual(run);
  });

  it('adds a new task key after the others, and creates the file as Kiro writes it', () => {
    const run = { executionId: 'e', chatSessionId: 's', timestamp: 1 };
    const added = appendTaskExecution(events, '7. New task', run).text;
    expect(added.startsWith(events.slice(0, events.lastIndexOf(']') + 1))).toBe(true);
    expect(parseTasksMeta(added).executionHistory.get('7. New task')).toEqual([run]);
    expect(appendTaskExecution(undefined, '1. First', run).text).toBe('{\n  "pbtResults": {},\n  "executionHistory": {\n    "1. First": [\n      {\n        "executionId": "e",\n        "chatSessionId": "s",\n        "timestamp": 1\n      }\n    ]\n  }\n}');
  });

  it('refuses to edit a file it cannot read, leaving it as it is', () => {
    const broken = '{"executionHistory": {\n<<<<<<< HEAD\n}';
    const out = appendTaskExecution(broken, '1. A', { executionId: 'e', chatSessionId: 's', timestamp: 1 });
    expect(out.text).toBe(broken);
    expect(out.diagnostics[0]?.code).toBe('tasks-meta/unreadable');
  });
});
