import { describe, expect, it } from 'vitest';
import { setSteeringFrontMatter } from './edit-steering';
import { parseSteering, serializeSteering } from './parse-steering';

describe('parseSteering', () => {
  it('reads inclusion, patterns (string, quoted, inline list, comma list), unknown keys and file refs', () => {
    const doc = parseSteering(`---\ninclusion: fileMatch\nfileMatchPattern: ['src/*.ts', "test/*.ts"]\npriority: high # mine\n---\n\n# API rules\n\nSee #[[file:docs/api.md]] and #[[file:openapi.yaml]].\n\n\`\`\`\n#[[file:not-a-ref.md]]\n\`\`\`\n`);
    expect(doc.inclusion).toBe('fileMatch');
    expect(doc.fileMatchPatterns).toEqual(['src/*.ts', 'test/*.ts']);
    expect(doc.frontMatter?.data.priority).toBe('high');
    expect(doc.fileRefs.map((r) => [r.path, r.line, r.column])).toEqual([['docs/api.md', 8, 4], ['openapi.yaml', 8, 30]]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['steering/unknown-key']);
    expect(parseSteering("---\nfileMatchPattern: 'a/**,b/**'\ninclusion: fileMatch\n---\n").fileMatchPatterns).toEqual(['a/**', 'b/**']);
  });

  it('defaults to always, flags unknown inclusion values and YAML errors without throwing', () => {
    expect(parseSteering('# Just text\n').inclusion).toBe('always');
    const odd = parseSteering('---\ninclusion: conditional\n---\nx');
    expect(odd.unknownInclusion).toBe('conditional');
    expect(odd.diagnostics[0]?.code).toBe('steering/unknown-inclusion');
    const bad = parseSteering('---\ninclusion: [always\n---\nbody');
    expect(bad.diagnostics.some((d) => d.code === 'steering/yaml' && d.severity === 'error')).toBe(true);
    expect(serializeSteering(bad)).toBe('---\ninclusion: [always\n---\nbody');
  });

  it('treats AGENTS.md as always-included steering', () => {
    const doc = parseSteering('# Agents\nUse pnpm.\n', 'agents');
    expect([doc.kind, doc.inclusion]).toEqual(['agents', 'always']);
  });
});

describe('setSteeringFrontMatter', () => {
  it('changes only the inclusion line and keeps comments and unknown keys', () => {
    const src = '---\r\ninclusion: always # default\r\nowner: me\r\n---\r\nbody\r\n';
    const r = setSteeringFrontMatter(parseSteering(src), { inclusion: 'manual' });
    expect(r.text).toBe('---\r\ninclusion: manual\r\nowner: me\r\n---\r\nbody\r\n');
    expect(r.changes).toHaveLength(1);
  });

  it('adds a pattern after inclusion, replaces a block list, removes with null', () => {
    const base = parseSteering('---\ninclusion: always\n---\n# T\n');
    const added = setSteeringFrontMatter(base, { inclusion: 'fileMatch', fileMatchPattern: ['src/**/*.ts', 'lib/**'] });
    expect(added.text).toBe("---\ninclusion: fileMatch\nfileMatchPattern: [ src/**/*.ts, lib/** ]\n---\n# T\n");
    const block = parseSteering('---\ninclusion: fileMatch\nfileMatchPattern:\n  - "a/**"\n  - "b/**"\nname: x\n---\n');
    expect(setSteeringFrontMatter(block, { fileMatchPattern: ['c/**'] }).text).toBe('---\ninclusion: fileMatch\nfileMatchPattern:\n  - c/**\nname: x\n---\n');
    expect(setSteeringFrontMatter(block, { fileMatchPattern: null, inclusion: 'manual' }).text).toBe('---\ninclusion: manual\nname: x\n---\n');
  });

  it('creates front matter when there is none, and refuses an invalid combination', () => {
    const plain = parseSteering('# Rules\n');
    expect(setSteeringFrontMatter(plain, { inclusion: 'manual' }).text).toBe('---\ninclusion: manual\n---\n# Rules\n');
    const refused = setSteeringFrontMatter(plain, { inclusion: 'fileMatch' });
    expect(refused.text).toBe('# Rules\n');
    expect(refused.diagnostics[0]?.message).toContain('fileMatchPattern');
  });
});
