import { useMemo } from 'react';
import './commandText.css';
import { displayCommand, type CommandPart } from './commandDisplay';

/**
 * Shows a command exactly, for a consent question (the trust dialog, the chat's approval card, an MCP tool's
 * arguments): every line numbered and in a box that scrolls (nothing is cut off), characters a screen would hide
 * shown as marked escapes, long whitespace runs collapsed and counted, with a plain warning above the box when any
 * of that is present. The box's text is the command itself for ordinary commands (tests and copy rely on it).
 */
export function CommandText({ command, testId, className }: { command: string; testId?: string; className?: string }) {
  const shown = useMemo(() => displayCommand(command), [command]);
  const multi = shown.lineCount > 1;
  return (
    <div className={`command-display${className ? ` ${className}` : ''}`}>
      {shown.flags.length > 0 && (
        <ul className="command-flags" role="alert" data-testid="command-flags">
          {shown.flags.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      {multi && (
        <div className="command-lines-note" data-testid="command-line-count">
          {shown.lineCount} lines — each one runs
        </div>
      )}
      <pre className={`command-box${multi ? ' multi' : ''}`} data-testid={testId} tabIndex={0} aria-label="Command">
        {shown.lines.map((parts, i) => (
          <span key={i} className="command-line">
            {parts.map(part)}
            {i < shown.lines.length - 1 ? '\n' : ''}
          </span>
        ))}
      </pre>
    </div>
  );
}

function part(p: CommandPart, key: number) {
  switch (p.kind) {
    case 'text':
      return p.text;
    case 'escape':
      return (
        <mark key={key} className={`command-escape${p.flag ? ` ${p.flag}` : ''}`} title={`${p.name} (${p.shown})`} data-kind={p.flag ?? 'tab'}>
          {p.shown}
        </mark>
      );
    case 'run':
      return (
        <mark key={key} className="command-run" data-kind="run" title={`${p.count} ${p.what}`}>
          {p.what === 'spaces' ? `␣×${p.count}` : `⋮ ${p.count} empty lines`}
        </mark>
      );
  }
}

/** One command inline (a list of the simple commands in a line): the same escapes and markers, lines joined by ⏎. */
export function CommandInline({ text }: { text: string }) {
  const shown = useMemo(() => displayCommand(text), [text]);
  return (
    <code className="command-inline">
      {shown.lines.map((parts, i) => (
        <span key={i}>
          {i > 0 && (
            <mark className="command-escape" data-kind="newline" title="A line break">
              ⏎
            </mark>
          )}
          {parts.map(part)}
        </span>
      ))}
    </code>
  );
}
