import { describe, expect, it } from 'vitest';
import { applyChanges } from '../text/edits';
import { parseRequirements } from '../requirements/parse-requirements';
import { classifyEars, lintEars } from './ears-lint';

describe('classifyEars', () => {
  it.each([
    ['THE system SHALL log every request.', 'ubiquitous'],
    ['WHEN the user clicks Save THEN the system SHALL write the file.', 'event'],
    ['When a task is started, the agent shall open a session.', 'event'],
    ['WHILE offline, THE app SHALL queue writes.', 'state'],
    ['IF the token expires THEN THE client SHALL sign in again.', 'unwanted'],
    ['WHERE dark mode is enabled, THE UI SHALL use dark colours.', 'optional'],
    ['WHILE syncing, WHEN a file changes THE system SHALL restart the sync.', 'complex'],
    ['The system SHALL save WHEN asked.', 'none'],
    ['Saving is fast.', 'none'],
  ])('%s → %s', (text, pattern) => {
    expect(classifyEars(text).pattern).toBe(pattern);
  });
});

const md = `### Requirement 1: Save

#### Acceptance Criteria

1. WHEN the user saves THE system SHALL write the file quickly, etc.
2. The system should keep a backup.
2. IF the disk is full, the system SHALL show an error.
3. THE system SHALL save WHEN asked.
`;

describe('lintEars', () => {
  const doc = parseRequirements(md);
  const report = lintEars(doc);
  const codes = report.diagnostics.map((d) => `${d.code}@${d.line + 1}`);

  it('reports vague words, missing SHALL, IF without THEN, no pattern and duplicate ids with lines', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['ears/vague@5', 'ears/missing-shall@6', 'ears/duplicate-id@7', 'ears/if-without-then@7', 'ears/no-pattern@8']),
    );
    expect(report.diagnostics.filter((d) => d.code === 'ears/vague').map((d) => md.split('\n')[d.line]?.slice(d.column, d.endColumn))).toEqual(['quickly', 'etc.']);
  });

  it('offers fixes that produce valid EARS', () => {
    const shall = report.diagnostics.find((d) => d.code === 'ears/missing-shall');
    expect(applyChanges(md, [shall!.fix!])).toContain('2. The system SHALL keep a backup.');
    const then = report.diagnostics.find((d) => d.code === 'ears/if-without-then');
    expect(applyChanges(md, [then!.fix!])).toContain('IF the disk is full, THEN the system SHALL show an error.');
    const dup = report.diagnostics.find((d) => d.code === 'ears/duplicate-id');
    expect(applyChanges(md, [dup!.fix!])).toContain('\n3. IF the disk');
  });

  it('classifies each criterion', () => {
    expect(report.criteria.map((c) => c.pattern)).toEqual(['event', 'none', 'unwanted', 'none']);
  });
});

describe('requirements without criteria', () => {
  it('are reported on their heading', () => {
    const report = lintEars(parseRequirements('### Requirement 1: Vague\n\n**User Story:** As a user, I want it.\n'));
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['requirements/no-criteria', 0]]);
  });
});

describe('EARS in other languages', () => {
  it.each([
    ['WHEN 系统创建新用户 THEN 系统应使用 UUID 字符串作为用户 ID', 'event', true],
    ['系统返回响应', 'none', false],
    ['QUANDO o usuário clica, o sistema DEVE salvar', 'ubiquitous', true],
    ['IF файл пошкоджено, THEN система має показати помилку', 'unwanted', true],
  ])('%s → %s', (text, pattern, hasShall) => {
    expect(classifyEars(text)).toEqual({ pattern, hasShall });
  });

  it('notes unreadable criteria once per document instead of flagging each', () => {
    const doc = parseRequirements('### Requisito 1: Guardar\n\n#### Criterios\n\n1. Guardar el archivo con un clic\n2. Mostrar un aviso cuando falla\n3. The system should keep a backup.\n');
    const report = lintEars(doc);
    expect(report.criteria.map((c) => c.pattern)).toEqual(['unchecked', 'unchecked', 'none']);
    expect(report.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line + 1}`)).toEqual(['warning ears/missing-shall@7', 'info ears/not-checked@5']);
    expect(report.diagnostics[1]?.message).toMatch(/^EARS not checked for Spanish: 2 acceptance criteria are written without EARS keywords/);
  });
});
