import { describe, expect, it } from 'vitest';
import { count } from './plural';

describe('count', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(count(1, 'requirement')).toBe('1 requirement');
    expect(count(0, 'requirement')).toBe('0 requirements');
    expect(count(2, 'task')).toBe('2 tasks');
    expect(count(1, 'acceptance criterion', 'acceptance criteria')).toBe('1 acceptance criterion');
    expect(count(3, 'acceptance criterion', 'acceptance criteria')).toBe('3 acceptance criteria');
  });
});
