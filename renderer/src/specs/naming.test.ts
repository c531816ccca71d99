import { describe, expect, it } from 'vitest';
import { nextTaskState, toKebabCase } from './naming';

describe('toKebabCase', () => {
  it('turns what the user typed into a Kiro spec folder name', () => {
    expect(toKebabCase('Dark Mode toggle!')).toBe('dark-mode-toggle');
    expect(toKebabCase('  userProfile  API ')).toBe('user-profile-api');
    expect(toKebabCase('Café crème')).toBe('cafe-creme');
    expect(toKebabCase('!!!')).toBe('');
  });
});

describe('nextTaskState', () => {
  it('cycles open → in progress → done → open', () => {
    expect(nextTaskState('open')).toBe('inProgress');
    expect(nextTaskState('inProgress')).toBe('done');
    expect(nextTaskState('done')).toBe('open');
    expect(nextTaskState('skipped')).toBe('open');
  });
});
