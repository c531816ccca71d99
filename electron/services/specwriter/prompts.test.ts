import { describe, expect, it } from 'vitest';
import { BUGFIX, DESIGN, REQUIREMENTS } from '../../../e2e/fixtures/specwriter/documents';
import { buildPhasePrompt, PLANNER_SYSTEM_PROMPT } from './prompts';

const base = { type: 'feature' as const, workflow: 'requirements-first' as const, name: 'due-dates', request: 'Todos get due dates and late ones are marked.' };

describe('phase prompts', () => {
  it('the first phase carries the request and the exact requirements format, EARS included', () => {
    const p = buildPhasePrompt({ ...base, kind: 'requirements', approved: [] });
    expect(p).toContain('Phase: requirements');
    expect(p).toContain('<user-request>\nTodos get due dates and late ones are marked.\n</user-request>');
    expect(p).toContain('**User Story:** As a <role>, I want <capability>, so that <benefit>.');
    expect(p).toContain('#### Acceptance Criteria');
    expect(p).toMatch(/WHEN <trigger> THEN THE <System> SHALL/);
    expect(p).not.toContain('approved-document');
  });

  it('a later phase includes every approved document verbatim, in order, and says to build on them', () => {
    const edited = REQUIREMENTS.replace('store the date', 'store the date in UTC');
    const p = buildPhasePrompt({
      ...base,
      kind: 'tasks',
      approved: [
        { kind: 'requirements', path: '.kiro/specs/due-dates/requirements.md', text: edited },
        { kind: 'design', path: '.kiro/specs/due-dates/design.md', text: DESIGN },
      ],
    });
    expect(p).toContain(`<approved-document path=".kiro/specs/due-dates/requirements.md">\n${edited}\n</approved-document>`);
    expect(p.indexOf('requirements.md">')).toBeLessThan(p.indexOf('design.md">'));
    expect(p).toContain('store the date in UTC');
    expect(p).toContain('_Requirements: 1.1, 1.2_');
    expect(p).toMatch(/build on them exactly as they are written/);
  });

  it('refine carries the current draft and the feedback, and asks to keep the rest', () => {
    const p = buildPhasePrompt({ ...base, kind: 'requirements', approved: [], refine: { draft: REQUIREMENTS, feedback: 'Add a requirement for sorting by due date.' } });
    expect(p).toContain(`<current-draft path="requirements.md">\n${REQUIREMENTS}\n</current-draft>`);
    expect(p).toContain('<feedback>\nAdd a requirement for sorting by due date.\n</feedback>');
    expect(p).toMatch(/Keep what the feedback does not ask to change/);
  });

  it('design-first: the design comes from the request, then requirements are derived from the approved design', () => {
    const design = buildPhasePrompt({ ...base, workflow: 'design-first', kind: 'design', approved: [] });
    expect(design).toMatch(/requirements will be derived from this design/);
    const req = buildPhasePrompt({ ...base, workflow: 'design-first', kind: 'requirements', approved: [{ kind: 'design', path: 'd/design.md', text: DESIGN }] });
    expect(req).toMatch(/Derive the requirements from the approved design/);
  });

  it('bugfix: current, expected and unchanged behaviour sections, numbered 1.x / 2.x / 3.x', () => {
    const p = buildPhasePrompt({ ...base, type: 'bugfix', kind: 'bugfix', approved: [] });
    expect(p).toContain('### Current Behavior (Defect)');
    expect(p).toContain('### Expected Behavior (Correct)');
    expect(p).toContain('### Unchanged Behavior (Regression Prevention)');
    expect(p).toContain('SHALL CONTINUE TO');
    const tasks = buildPhasePrompt({ ...base, type: 'bugfix', kind: 'tasks', approved: [{ kind: 'bugfix', path: 'b/bugfix.md', text: BUGFIX }] });
    expect(tasks).toContain(BUGFIX);
  });

  it('the system prompt limits the planner to reading and asks for the document only', () => {
    expect(PLANNER_SYSTEM_PROMPT).toMatch(/read-only tools/);
    expect(PLANNER_SYSTEM_PROMPT).toMatch(/complete document as Markdown and nothing else/);
  });
});
