import { describe, expect, it } from 'vitest';
import { applyInclusion } from './front-matter';

const edit = (text: string, change: Parameters<typeof applyInclusion>[1]) => {
  const r = applyInclusion(text, change);
  return r.ok ? r.text : `ERROR ${r.message}`;
};

describe('applyInclusion', () => {
  it('switching to fileMatch writes Kiro-style patterns and keeps the body', () => {
    expect(edit('---\ninclusion: always\n---\n\n# Tech\n', { inclusion: 'fileMatch', fileMatchPatterns: ['src/**/*.ts'] })).toBe(
      '---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.ts"\n---\n\n# Tech\n',
    );
    expect(edit('# Tech\r\n', { inclusion: 'fileMatch', fileMatchPatterns: ['**/*.ts', 'docs/*.md'] })).toBe(
      '---\r\ninclusion: fileMatch\r\nfileMatchPattern: ["**/*.ts", "docs/*.md"]\r\n---\r\n# Tech\r\n',
    );
  });

  it('replaces a block-list pattern with one line and leaves other keys and comments alone', () => {
    const src = "---\ninclusion: fileMatch # scoped\nfileMatchPattern:\n  - 'a/**'\n  - 'b/**'\nowner: team-x\n---\nbody\n";
    expect(edit(src, { inclusion: 'fileMatch', fileMatchPatterns: ['c/**'] })).toBe('---\ninclusion: fileMatch # scoped\nfileMatchPattern: "c/**"\nowner: team-x\n---\nbody\n');
  });

  it('an unchanged pattern keeps its quoting; only the inclusion line changes', () => {
    const src = "---\ninclusion: manual\nfileMatchPattern: '*.py'\n---\nx\n";
    expect(edit(src, { inclusion: 'fileMatch', fileMatchPatterns: ['*.py'] })).toBe("---\ninclusion: fileMatch\nfileMatchPattern: '*.py'\n---\nx\n");
  });

  it('auto writes name and description; leaving auto keeps them (nothing the user wrote is dropped)', () => {
    const auto = edit('---\ninclusion: always\n---\n# API\n', { inclusion: 'auto', name: 'api-design', description: 'REST endpoints: naming and errors' });
    expect(auto).toBe('---\ninclusion: auto\nname: api-design\ndescription: "REST endpoints: naming and errors"\n---\n# API\n');
    expect(edit(auto, { inclusion: 'manual' })).toBe('---\ninclusion: manual\nname: api-design\ndescription: "REST endpoints: naming and errors"\n---\n# API\n');
  });

  it('refuses broken front matter and invalid combinations with a message, changing nothing', () => {
    expect(edit('---\ninclusion: [always\n---\nbody', { inclusion: 'manual' })).toBe('ERROR Fix the front matter syntax before editing it.');
    expect(edit('# T\n', { inclusion: 'fileMatch', fileMatchPatterns: [] })).toMatch(/^ERROR fileMatchPattern: inclusion: fileMatch needs a fileMatchPattern/);
    expect(edit('# T\n', { inclusion: 'auto' })).toMatch(/^ERROR description: /);
  });

  it('reports no change when the file already says so', () => {
    expect(applyInclusion('---\ninclusion: manual\n---\n', { inclusion: 'manual' })).toEqual({ ok: true, text: '---\ninclusion: manual\n---\n', changed: false });
  });
});
