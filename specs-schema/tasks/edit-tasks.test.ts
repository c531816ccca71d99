import { describe, expect, it } from 'vitest';
import { addTask, indentTask, moveTask, outdentTask, removeTask, setTaskDetails, setTaskOptional, setTaskRequirements, setTaskState, setTaskTitle } from './edit-tasks';
import { countTasks, findTask, parseTasks, serializeTasks } from './parse-tasks';

const kiro = [
  '# Implementation Plan',
  '',
  '- [ ] 1. Set up project',
  '  - Create folders',
  '  - _Requirements: 1.1, 2.3_',
  '',
  '- [-] 2. Build parser',
  '  - [x] 2.1 Tokenizer',
  '    - _Requirements: 1.2_',
  '  - [ ]* 2.2 Property tests',
  '',
  '- [x] 3. Ship it',
  '',
].join('\n');

function t(doc: ReturnType<typeof parseTasks>, id: string) {
  const task = findTask(doc, id);
  if (!task) throw new Error(`no task ${id}`);
  return task;
}

describe('parseTasks', () => {
  it('reads states, ids, optional marks, refs and nesting', () => {
    const doc = parseTasks(kiro);
    expect(doc.tasks.map((x) => x.id)).toEqual(['1', '2', '3']);
    expect(t(doc, '2').children.map((x) => x.id)).toEqual(['2.1', '2.2']);
    expect(t(doc, '2').state).toBe('inProgress');
    expect(t(doc, '2.2').optional).toBe(true);
    expect(t(doc, '1').refs[0]?.items.map((i) => i.ids[0])).toEqual(['1.1', '2.3']);
    expect(countTasks(doc)).toEqual({ total: 5, open: 2, inProgress: 1, done: 2, optional: 1 });
  });

  it('ignores checkboxes inside code fences and HTML comments', () => {
    const doc = parseTasks('- [ ] 1. Real\n\n```md\n- [ ] 2. Example\n```\n~~~\n- [x] 3. Tilde\n~~~\n<!--\n- [ ] 4. Hidden\n-->\n');
    expect(doc.all.map((x) => x.id)).toEqual(['1']);
  });

  it('reads Kiro variants: three-space markers, [~], localized refs, CRLF', () => {
    const doc = parseTasks('-   [x] 1. A\r\n    -   [ ] 1.1 B\r\n        - _需求: 1.1_\r\n- [~] 2. C\r\n');
    expect(t(doc, '1.1').refs[0]?.label).toBe('需求');
    expect(t(doc, '2').state).toBe('skipped');
    expect(serializeTasks(doc)).toBe('-   [x] 1. A\r\n    -   [ ] 1.1 B\r\n        - _需求: 1.1_\r\n- [~] 2. C\r\n');
  });
});

describe('task edits', () => {
  it('ticks a task by changing one character', () => {
    const doc = parseTasks(kiro);
    const r = setTaskState(doc, t(doc, '1'), 'done');
    expect(r.changes).toEqual([{ start: kiro.indexOf('[ ] 1.') + 1, end: kiro.indexOf('[ ] 1.') + 2, text: 'x' }]);
    expect(findTask(parseTasks(r.text), '1')?.state).toBe('done');
  });

  it('toggles the optional star and edits the title', () => {
    const doc = parseTasks(kiro);
    expect(setTaskOptional(doc, t(doc, '2.2'), false).text).toContain('- [ ] 2.2 Property tests');
    expect(setTaskOptional(doc, t(doc, '3'), true).text).toContain('- [x]* 3. Ship it');
    expect(setTaskTitle(doc, t(doc, '3'), 'Release').text).toContain('- [x] 3. Release\n');
  });

  it('rewrites, adds and removes requirement refs', () => {
    const doc = parseTasks(kiro);
    expect(setTaskRequirements(doc, t(doc, '1'), ['3.1']).text).toContain('  - _Requirements: 3.1_\n');
    const added = setTaskRequirements(doc, t(doc, '3'), ['1.1', '1.2']).text;
    expect(added.endsWith('- [x] 3. Ship it\n  - _Requirements: 1.1, 1.2_\n')).toBe(true);
    expect(setTaskRequirements(doc, t(doc, '1'), []).text).not.toContain('_Requirements: 1.1, 2.3_');
  });

  it('replaces detail bullets but keeps refs', () => {
    const doc = parseTasks(kiro);
    const out = setTaskDetails(doc, t(doc, '1'), ['Create src/', 'Add tsconfig']).text;
    expect(out).toContain('- [ ] 1. Set up project\n  - Create src/\n  - Add tsconfig\n  - _Requirements: 1.1, 2.3_\n');
  });

  it('adds a top-level task with the next number and the siblings’ style', () => {
    const doc = parseTasks('-   [x] 1. A\n\n-   [ ] 2. B\n');
    expect(addTask(doc, { title: 'C', requirements: ['1.1'] }).text).toBe('-   [x] 1. A\n\n-   [ ] 2. B\n\n-   [ ] 3. C\n    - _Requirements: 1.1_\n');
  });

  it('inserts a sub-task in the middle and renumbers the ones after it', () => {
    const doc = parseTasks(kiro);
    const r = addTask(doc, { title: 'Lexer', parent: t(doc, '2'), after: t(doc, '2.1') });
    const again = parseTasks(r.text);
    expect(t(again, '2').children.map((x) => `${x.id} ${x.title}`)).toEqual(['2.1 Tokenizer', '2.2 Lexer', '2.3 Property tests']);
  });

  it('removes a task with its sub-tasks and renumbers later siblings', () => {
    const doc = parseTasks(kiro);
    const again = parseTasks(removeTask(doc, t(doc, '2')).text);
    expect(again.all.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Set up project', '2 Ship it']);
    expect(serializeTasks(again)).not.toContain('\n\n\n');
  });

  it('moves a task up, swapping numbers and carrying sub-tasks', () => {
    const doc = parseTasks(kiro);
    const again = parseTasks(moveTask(doc, t(doc, '2'), 'up').text);
    expect(again.tasks.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Build parser', '2 Set up project', '3 Ship it']);
    expect(t(again, '1').children.map((x) => x.id)).toEqual(['1.1', '1.2']);
  });

  it('indents a task under its previous sibling and outdents it back', () => {
    const doc = parseTasks(kiro);
    const indented = parseTasks(indentTask(doc, t(doc, '3')).text);
    expect(t(indented, '2').children.map((x) => `${x.id} ${x.title}`)).toEqual(['2.1 Tokenizer', '2.2 Property tests', '2.3 Ship it']);
    const back = parseTasks(outdentTask(indented, t(indented, '2.3')).text);
    expect(back.tasks.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Set up project', '2 Build parser', '3 Ship it']);
  });

  it('outdenting a middle sub-task moves it after its parent', () => {
    const doc = parseTasks(kiro);
    const again = parseTasks(outdentTask(doc, t(doc, '2.1')).text);
    expect(again.tasks.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Set up project', '2 Build parser', '3 Tokenizer', '4 Ship it']);
    expect(t(again, '2').children.map((x) => `${x.id} ${x.title}`)).toEqual(['2.1 Property tests']);
    expect(t(again, '3').refs[0]?.items[0]?.raw).toBe('1.2');
  });

  it('keeps CRLF and a missing final newline when adding', () => {
    const doc = parseTasks('- [ ] 1. A\r\n- [ ] 2. B');
    expect(addTask(doc, { title: 'C' }).text).toBe('- [ ] 1. A\r\n- [ ] 2. B\r\n- [ ] 3. C');
  });

  it('continues a sequence that does not start at 1', () => {
    const doc = parseTasks('- [ ] 17. A\n- [ ] 18. B\n');
    expect(addTask(doc, { title: 'C' }).text).toBe('- [ ] 17. A\n- [ ] 18. B\n- [ ] 19. C\n');
    expect(removeTask(doc, t(doc, '17')).text).toBe('- [ ] 17. B\n');
  });

  it('does not renumber flat-numbered lists (sub-tasks written at the parent’s indent)', () => {
    const doc = parseTasks('- [ ] 1. A\n- [ ] 1.1 Sub\n- [ ] 2. B\n- [ ] 3. C\n');
    expect(removeTask(doc, t(doc, '1.1')).text).toBe('- [ ] 1. A\n- [ ] 2. B\n- [ ] 3. C\n');
    expect(addTask(doc, { title: 'Sub two', after: t(doc, '1.1') }).text).toBe('- [ ] 1. A\n- [ ] 1.1 Sub\n- [ ] 1.2 Sub two\n- [ ] 2. B\n- [ ] 3. C\n');
  });
});

describe('escaped optional stars (`- [ ]\\*`, as Markdown formatters write them)', () => {
  const md = '- [ ] 1. Build\n  - [ ]\\* 1.1 Property test\n  - [x]\\* 1.2 Unit test\n  - [ ] 1.3 Wire\n';
  const doc = parseTasks(md);

  it('are optional tasks with their ids and titles', () => {
    expect(doc.all.map((t) => [t.id, t.title, t.optional, t.state])).toEqual([
      ['1', 'Build', false, 'open'],
      ['1.1', 'Property test', true, 'open'],
      ['1.2', 'Unit test', true, 'done'],
      ['1.3', 'Wire', false, 'open'],
    ]);
    expect(countTasks(doc)).toEqual({ total: 4, open: 3, inProgress: 0, done: 1, optional: 2 });
  });

  it('keep the file’s escaping when made required, optional or added', () => {
    expect(setTaskOptional(doc, findTask(doc, '1.1')!, false).text).toContain('  - [ ] 1.1 Property test\n');
    expect(setTaskOptional(doc, findTask(doc, '1.3')!, true).text).toContain('  - [ ]\\* 1.3 Wire\n');
    expect(addTask(doc, { title: 'More tests', parent: findTask(doc, '1')!, optional: true }).text).toContain('  - [ ]\\* 1.4 More tests');
  });
});
