import { describe, expect, it } from 'vitest';
import { findTask, parseTasks } from '../../../specs-schema';
import { checkFor, checkFromSteering, checkFromTask } from './check-command';

const TASKS = `# Implementation Plan

- [ ] 1. Parser
  - Run: \`npm test -- parser\`
  - [ ] 1.1 Tokens
    - Add \`Token\` type
  - [ ] 1.2 Grammar
    - **Check:** make grammar-test
- [ ] 2. Docs
  - Mention \`npm test\` in the README
\`\`\`
Run: not-a-command
\`\`\`
`;

describe('check command rule', () => {
  const doc = parseTasks(TASKS);
  const task = (id: string) => findTask(doc, id)!;

  it('takes the task\'s own Run:/Check: line, backticks and bold optional', () => {
    expect(checkFromTask(doc, task('1'))).toEqual({ command: 'npm test -- parser', source: 'task 1' });
    expect(checkFromTask(doc, task('1.2'))).toEqual({ command: 'make grammar-test', source: 'task 1.2' });
  });

  it('a sub-task without its own inherits its parent\'s', () => {
    expect(checkFromTask(doc, task('1.1'))).toEqual({ command: 'npm test -- parser', source: 'task 1' });
  });

  it('a backticked word in a detail is not a command, nor is a line in a code block', () => {
    expect(checkFromTask(doc, task('2'))).toBeUndefined();
  });

  it('falls back to steering: a labelled line, or a sentence saying how tests run', () => {
    expect(checkFromSteering([{ path: '.kiro/steering/tech.md', text: '---\ninclusion: always\n---\n- Test command: `pnpm vitest run`\n' }])).toEqual({
      command: 'pnpm vitest run',
      source: '.kiro/steering/tech.md',
    });
    // The example project's steering says it this way.
    expect(checkFromSteering([{ path: 'tech.md', text: '- Tests use `node:test` and `node:assert/strict`; run them with `node --test`.\n' }])?.command).toBe('node --test');
    expect(checkFromSteering([{ path: 'product.md', text: '# Product\nRun the app with `npm start`.\n' }])).toBeUndefined();
  });

  it('the task wins over steering', () => {
    expect(checkFor(doc, task('1.2'), [{ path: 's.md', text: 'Test command: other' }])?.command).toBe('make grammar-test');
    expect(checkFor(doc, task('2'), [{ path: 's.md', text: 'Test command: other' }])).toEqual({ command: 'other', source: 's.md' });
  });
});
