import { describe, expect, it } from 'vitest';
import { parseHook } from '../../../specs-schema';
import { hookFileFor, newHookText, readHookForm, setHookAction, setHookEvent, setHookField, splitPatterns } from './hookForm';

describe('hook form', () => {
  it('a new hook shows inline errors until named and given a command, then validates against the schema', () => {
    let text = newHookText();
    let form = readHookForm(text);
    expect(form.errors.name).toMatch(/needs a name/);
    expect(form.errors['then.command']).toMatch(/must not be empty/);
    text = setHookField(text, ['name'], 'Lint on save');
    text = setHookField(text, ['when', 'patterns'], splitPatterns('src/**/*.ts\n!src/gen/**'));
    text = setHookField(text, ['then', 'command'], 'npm run lint');
    text = setHookField(text, ['then', 'timeout'], 30);
    form = readHookForm(text);
    expect(form.errors).toEqual({});
    const doc = parseHook(text);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.hook).toMatchObject({ name: 'Lint on save', when: { type: 'fileEdited', patterns: ['src/**/*.ts', '!src/gen/**'] }, then: { type: 'runCommand', command: 'npm run lint', timeout: 30 } });
  });

  it('switching the event drops filters that no longer apply and adds the ones now required', () => {
    let text = newHookText();
    text = setHookEvent(text, 'preToolUse');
    expect(readHookForm(text).fields).toMatchObject({ event: 'preToolUse', patterns: [], toolTypes: ['*'] });
    expect(text).not.toContain('patterns');
    text = setHookEvent(text, 'userTriggered');
    expect(text).not.toContain('toolTypes');
    text = setHookEvent(text, 'fileCreated');
    expect(readHookForm(text).fields.patterns).toEqual(['**/*']);
  });

  it('switching the action keeps what was typed for each and never leaves the other action’s keys', () => {
    let text = setHookField(newHookText(), ['then', 'command'], 'make test');
    text = setHookAction(text, 'askAgent');
    expect(readHookForm(text).fields).toMatchObject({ action: 'askAgent', prompt: '' });
    expect(text).not.toContain('make test');
    expect(readHookForm(text).errors['then.prompt']).toMatch(/must not be empty/);
  });

  it('edits keep keys the form does not know and the rest of the file byte for byte', () => {
    const text = '{\n    "name": "X",\n    "shortName": "x",\n    "when": {"type": "userTriggered"},\n    "then": {"type": "runCommand", "command": "a"}\n}';
    const next = setHookField(text, ['then', 'command'], 'b');
    expect(next).toBe(text.replace('"command": "a"', '"command": "b"'));
  });

  it('a file that is not valid JSON blocks the form and says where', () => {
    const form = readHookForm('{"name": "x",\n  "when": }');
    expect(form.blocking).toMatch(/line 2/);
  });

  it('names a new hook file after the hook', () => {
    expect(hookFileFor('Lint on Save!')).toBe('.kiro/hooks/lint-on-save.json');
    expect(hookFileFor('Übersetzen')).toBe('.kiro/hooks/ubersetzen.json');
    expect(hookFileFor('!!!')).toBeNull();
  });
});
