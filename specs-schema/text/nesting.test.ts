import { describe, expect, it } from 'vitest';
import { parseJsonDoc, setJsonValue } from '../json/json-doc';
import { parseSteering } from '../steering/parse-steering';
import { nestsDeeperThan } from './nesting';

/** A YAML "billion laughs": each alias level multiplies the nodes by ten. */
const ALIAS_BOMB = [
  '---',
  'inclusion: always',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const me = String.fromCharCode(98 + i);
    const prev = String.fromCharCode(97 + i);
    return `${me}: &${me} [${Array(10).fill(`*${prev}`).join(',')}]`;
  }),
  '---',
  '# Bomb',
  '',
].join('\n');

describe('limits on structured text from the workspace (issue 17, finding 9)', () => {
  it('a steering file with a YAML alias bomb is one diagnostic, parsed at once, never a throw', () => {
    const started = performance.now();
    const doc = parseSteering(ALIAS_BOMB);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(doc.diagnostics.map((d) => d.code)).toContain('steering/yaml-limit');
    expect(doc.inclusion).toBe('manual');
    expect(doc.headings.map((h) => h.text)).toEqual(['Bomb']);
  });

  it('front matter nested too deep (flow or block) is a diagnostic too', () => {
    const flow = `---\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n`;
    expect(parseSteering(flow).diagnostics.map((d) => d.code)).toContain('steering/yaml-limit');
    const dashes = `---\nx:\n  ${'- '.repeat(30_000)}y\n---\n`;
    expect(parseSteering(dashes).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('JSON nested 100,000 deep is one diagnostic, and an edit leaves it untouched', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const doc = parseJsonDoc(text);
    expect(doc.value).toBeUndefined();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['json/too-deep']);
    expect(setJsonValue(doc, ['specId'], 'x').text).toBe(text);
  });

  it('counts brackets only outside strings and comments', () => {
    expect(nestsDeeperThan('{"a": "[[[[[[", "b": [1]}', 2, 'json')).toBe(false);
    expect(nestsDeeperThan('// [[[[[\n/* {{{{ */ {"a": [[1]]}', 2, 'json')).toBe(true);
    expect(nestsDeeperThan("a: '[[[[' # {{{{\nb: [x]", 1, 'yaml')).toBe(false);
    expect(parseJsonDoc('{"workflowType": "design-first"}').value).toEqual({ workflowType: 'design-first' });
  });
});

describe('editing a steering file whose front matter is over the limits', () => {
  it('is refused, so the front matter the user wrote is never replaced', async () => {
    const { setSteeringFrontMatter } = await import('../steering/edit-steering');
    const doc = parseSteering(ALIAS_BOMB);
    const result = setSteeringFrontMatter(doc, { inclusion: 'always' });
    expect(result.text).toBe(ALIAS_BOMB);
  });
});
