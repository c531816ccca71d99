import { describe, expect, it } from 'vitest';
import { formatKeybinding, keyFromEvent, KeybindingParseError, parseKeybinding, pressFromEvent } from './keybinding';
import { CommandRegistry } from './registry';

const ev = (code: string, key: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  pressFromEvent({ code, key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('keybinding parsing', () => {
  it('maps ctrlcmd to Cmd on macOS and Ctrl elsewhere', () => {
    expect(parseKeybinding('ctrlcmd+shift+p', 'other')).toEqual([{ ctrl: true, shift: true, alt: false, meta: false, key: 'p' }]);
    expect(parseKeybinding('ctrlcmd+shift+p', 'mac')).toEqual([{ ctrl: false, shift: true, alt: false, meta: true, key: 'p' }]);
  });

  it('parses chords and formats them as VS Code shows them', () => {
    const b = parseKeybinding('ctrlcmd+k s', 'other');
    expect(b).toHaveLength(2);
    expect(formatKeybinding(b, 'other')).toBe('Ctrl+K S');
    expect(formatKeybinding(parseKeybinding('ctrlcmd+k s', 'mac'), 'mac')).toBe('⌘K S');
    expect(formatKeybinding(parseKeybinding('ctrlcmd+shift+p', 'mac'), 'mac')).toBe('⇧⌘P');
    expect(formatKeybinding(parseKeybinding('ctrl+`', 'other'), 'other')).toBe('Ctrl+`');
    expect(formatKeybinding(parseKeybinding('f1', 'other'), 'other')).toBe('F1');
  });

  it('rejects malformed bindings with a reason', () => {
    expect(() => parseKeybinding('', 'other')).toThrow(KeybindingParseError);
    expect(() => parseKeybinding('hyper+p', 'other')).toThrow(/Unknown modifier "hyper"/);
    expect(() => parseKeybinding('ctrl+shift', 'other')).toThrow(/Missing key/);
    expect(() => parseKeybinding('a b c', 'other')).toThrow(/Too many chords/);
  });

  it('reads the unshifted key from physical codes', () => {
    expect(keyFromEvent({ code: 'Backquote', key: '~' })).toBe('`');
    expect(keyFromEvent({ code: 'KeyP', key: 'P' })).toBe('p');
    expect(keyFromEvent({ code: 'F1', key: 'F1' })).toBe('f1');
    expect(keyFromEvent({ code: 'ArrowDown', key: 'ArrowDown' })).toBe('down');
  });
});

describe('command registry', () => {
  const setup = () => {
    const reg = new CommandRegistry('other');
    const ran: string[] = [];
    const add = (id: string, keybindings: string[], extra: object = {}) =>
      reg.register({ id, title: id, keybindings, run: () => void ran.push(id), ...extra });
    return { reg, ran, add };
  };

  it('runs the command bound to a key press', async () => {
    const { reg, add } = setup();
    add('palette', ['ctrlcmd+shift+p', 'f1']);
    const r1 = reg.resolve(ev('KeyP', 'P', { ctrlKey: true, shiftKey: true }), { terminalFocused: false });
    expect(r1).toMatchObject({ kind: 'run', command: { id: 'palette', keyLabel: 'Ctrl+Shift+P' } });
    expect(reg.resolve(ev('F1', 'F1'), { terminalFocused: false })).toMatchObject({ kind: 'run' });
    expect(reg.resolve(ev('KeyP', 'p', { ctrlKey: true }), { terminalFocused: false })).toEqual({ kind: 'none' });
  });

  it('completes a chord on the second press and cancels it on any other key', () => {
    const { reg, add } = setup();
    add('saveAll', ['ctrlcmd+k s']);
    add('save', ['ctrlcmd+s']);
    const ctx = { terminalFocused: false };
    expect(reg.resolve(ev('KeyK', 'k', { ctrlKey: true }), ctx)).toEqual({ kind: 'chord', label: 'Ctrl+K' });
    expect(reg.resolve(ev('KeyS', 's'), ctx)).toMatchObject({ kind: 'run', command: { id: 'saveAll' } });
    // Ctrl+K then X: nothing, and the following Ctrl+S is a plain save again.
    reg.resolve(ev('KeyK', 'k', { ctrlKey: true }), ctx);
    expect(reg.resolve(ev('KeyX', 'x'), ctx)).toEqual({ kind: 'none' });
    expect(reg.resolve(ev('KeyS', 's', { ctrlKey: true }), ctx)).toMatchObject({ kind: 'run', command: { id: 'save' } });
  });

  it('ignores modifier-only presses while a chord is pending', () => {
    const { reg, add } = setup();
    add('saveAll', ['ctrlcmd+k s']);
    const ctx = { terminalFocused: false };
    reg.resolve(ev('KeyK', 'k', { ctrlKey: true }), ctx);
    expect(reg.resolve(ev('ShiftLeft', 'Shift', { shiftKey: true }), ctx)).toEqual({ kind: 'none' });
    expect(reg.resolve(ev('KeyS', 's'), ctx)).toMatchObject({ kind: 'run' });
  });

  it('leaves keys to the shell in a focused terminal unless the command opts in', () => {
    const { reg, add } = setup();
    add('save', ['ctrlcmd+s']);
    add('togglePanel', ['ctrl+`'], { inTerminal: true });
    const ctx = { terminalFocused: true };
    expect(reg.resolve(ev('KeyS', 's', { ctrlKey: true }), ctx)).toEqual({ kind: 'none' });
    expect(reg.resolve(ev('Backquote', '`', { ctrlKey: true }), ctx)).toMatchObject({ kind: 'run' });
  });

  it('hides disabled commands from the palette and from keys', async () => {
    const { reg, add, ran } = setup();
    let enabled = false;
    add('close', ['ctrlcmd+w'], { enabled: () => enabled });
    add('about', []);
    expect(reg.list().map((c) => c.id)).toEqual(['about']);
    expect(reg.resolve(ev('KeyW', 'w', { ctrlKey: true }), { terminalFocused: false })).toEqual({ kind: 'none' });
    await reg.execute('close');
    expect(ran).toEqual([]);
    enabled = true;
    await reg.execute('close');
    expect(ran).toEqual(['close']);
  });

  it('passes arguments through execute to the command, and none from the palette or keys', async () => {
    const reg = new CommandRegistry('other');
    const seen: unknown[] = [];
    let enabled = true;
    reg.register({ id: 'task.start', title: 'Start Task', enabled: () => enabled, run: (args) => void seen.push(args) });
    await reg.execute('task.start', { specDir: '.kiro/specs/a', taskId: '2.1' });
    await reg.execute('task.start');
    enabled = false;
    await reg.execute('task.start', { specDir: '.kiro/specs/a', taskId: '3' });
    expect(seen).toEqual([{ specDir: '.kiro/specs/a', taskId: '2.1' }, undefined]);
  });

  it('refuses duplicate ids and unknown commands', async () => {
    const { reg, add } = setup();
    add('a', []);
    expect(() => add('a', [])).toThrow(/already registered/);
    await expect(reg.execute('nope')).rejects.toThrow(/Unknown command/);
  });
});
