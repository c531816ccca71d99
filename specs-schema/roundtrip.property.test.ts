import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile, serializeFile } from './parse-file';
import { addTask, indentTask, moveTask, outdentTask, removeTask, setTaskOptional, setTaskRequirements, setTaskState, setTaskTitle } from './tasks/edit-tasks';
import { parseTasks, type Task, type TasksDoc } from './tasks/parse-tasks';
import { splitLines } from './text/lines';

const PATHS = ['.kiro/specs/a/requirements.md', '.kiro/specs/a/design.md', '.kiro/specs/a/tasks.md', '.kiro/specs/a/bugfix.md', '.kiro/steering/x.md', 'AGENTS.md', '.kiro/hooks/h.kiro.hook', '.kiro/settings/mcp.json', '.kiro/specs/a/.config.kiro', 'notes.txt'];

/** Lines that exercise every construct the parsers look at, plus noise. */
const interestingLine = fc.oneof(
  fc.constantFrom('# Requirements Document', '### Requirement 2: Login', '#### Acceptance Criteria', '**User Story:** As a user, I want x', '1. WHEN x THEN THE system SHALL y', '2.1 The app shall z', '- [ ] 1. Task', '  - [x]* 1.1 Sub', '-   [-] 2. Three spaces', '\t- [~] 3. Tab', '  - _Requirements: 1.1, 2-3, R4_', '**Validates: Requirements 1.2**', '```', '~~~md', '<!--', '-->', '---', 'inclusion: fileMatch', "fileMatchPattern: ['a', b]", '#[[file:x.md]]', '{', '}', '"when": {"type": "manual"},', '<<<<<<< HEAD', '=======', '>>>>>>> x', '', '   ', '- [ ]'),
  fc.string({ maxLength: 30 }),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const document = fc
  .tuple(fc.array(fc.tuple(interestingLine, eol), { maxLength: 40 }), fc.boolean())
  .map(([lines, finalNewline]) => {
    const text = lines.map(([l, e]) => l + e).join('');
    return finalNewline || lines.length === 0 ? text : text.slice(0, text.length - (lines[lines.length - 1]?.[1].length ?? 0));
  });

describe('round trip (property)', () => {
  it('serializeFile(parseFile(x)) === x for generated documents of every kind, without throwing', () => {
    fc.assert(
      fc.property(document, fc.constantFrom(...PATHS), (text, path) => {
        expect(serializeFile(parseFile(path, text))).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('holds for arbitrary unicode text too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...PATHS), (text, path) => {
        expect(serializeFile(parseFile(path, text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

/** A generated tasks.md: consecutive ids, optional sub-tasks, details and refs, in one of the real styles. */
const tasksDoc = fc
  .record({
    shape: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    gap: fc.constantFrom(' ', '   '),
    unit: fc.constantFrom('  ', '    '),
    eol: fc.constantFrom('\n', '\r\n'),
    blankBetween: fc.boolean(),
    details: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ shape, gap, unit, eol, blankBetween, details, finalNewline }) => {
    const lines = ['# Implementation Plan', ''];
    shape.forEach((children, i) => {
      lines.push(`-${gap}[ ] ${i + 1}. Task ${i + 1}`);
      if (details) lines.push(`${unit}- detail`, `${unit}- _Requirements: ${i + 1}.1_`);
      for (let c = 0; c < children; c++) lines.push(`${unit}-${gap}[x] ${i + 1}.${c + 1} Sub ${i + 1}.${c + 1}`);
      if (blankBetween) lines.push('');
    });
    const text = lines.join(eol) + eol;
    return finalNewline ? text : text.slice(0, text.length - eol.length);
  });

type Op = { kind: 'state' | 'optional' | 'title' | 'refs' | 'add' | 'remove' | 'up' | 'down' | 'indent' | 'outdent'; pick: number };
const op = fc.record({ kind: fc.constantFrom('state', 'optional', 'title', 'refs', 'add', 'remove', 'up', 'down', 'indent', 'outdent'), pick: fc.nat() }) as fc.Arbitrary<Op>;

function apply(doc: TasksDoc, o: Op, task: Task): string {
  switch (o.kind) {
    case 'state':
      return setTaskState(doc, task, task.state === 'done' ? 'open' : 'done').text;
    case 'optional':
      return setTaskOptional(doc, task, !task.optional).text;
    case 'title':
      return setTaskTitle(doc, task, `Renamed ${o.pick}`).text;
    case 'refs':
      return setTaskRequirements(doc, task, [`${(o.pick % 5) + 1}.1`]).text;
    case 'add':
      return addTask(doc, { title: `New ${o.pick}`, after: task, ...(doc.all.find((p) => p.children.includes(task)) ? { parent: doc.all.find((p) => p.children.includes(task)) as Task } : {}) }).text;
    case 'remove':
      return removeTask(doc, task).text;
    case 'up':
    case 'down':
      return moveTask(doc, task, o.kind).text;
    case 'indent':
      return task.depth === 0 && task.children.length === 0 ? indentTask(doc, task).text : joinText(doc);
    case 'outdent':
      return task.children.length === 0 ? outdentTask(doc, task).text : joinText(doc);
  }
}

const joinText = (doc: TasksDoc) => doc.lines.map((l) => l.text + l.eol).join('');

function idsConsecutive(siblings: readonly Task[], parentId?: string): boolean {
  return siblings.every((t, k) => t.id === (parentId === undefined ? String(k + 1) : `${parentId}.${k + 1}`) && idsConsecutive(t.children, t.id));
}

describe('task edits (property)', () => {
  it('random edit sequences keep tasks.md parseable, numbered 1..n, and in-line edits touch one line', () => {
    fc.assert(
      fc.property(tasksDoc, fc.array(op, { minLength: 1, maxLength: 12 }), (start, ops) => {
        let text = start;
        for (const o of ops) {
          const doc = parseTasks(text);
          if (doc.all.length === 0) break;
          const task = doc.all[o.pick % doc.all.length] as Task;
          const before = splitLines(text);
          const next = apply(doc, o, task);
          const after = splitLines(next);
          const again = parseTasks(next);
          expect(joinText(again)).toBe(next);
          if (o.kind === 'state' || o.kind === 'optional' || o.kind === 'title') {
            expect(after.length).toBe(before.length);
            const changed = after.flatMap((l, i) => (l.text !== before[i]?.text || l.eol !== before[i]?.eol ? [i] : []));
            expect(changed).toEqual([task.line]);
          }
          // Line endings of untouched lines survive: the file keeps a single style.
          expect(new Set(after.slice(0, -1).map((l) => l.eol)).size).toBeLessThanOrEqual(1);
          const total = { add: 1, remove: -countSubtree(task) }[o.kind as 'add' | 'remove'] ?? 0;
          expect(again.all.length).toBe(doc.all.length + total);
          expect(idsConsecutive(again.tasks)).toBe(true);
          text = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

function countSubtree(t: Task): number {
  return 1 + t.children.reduce((n, c) => n + countSubtree(c), 0);
}
