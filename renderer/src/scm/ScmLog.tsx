import { useEffect } from 'react';
import { Icon } from '../workbench/icons';
import { refreshLog } from './scmController';
import { useScm } from './scmStore';

function ago(iso: string): string {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 90) return 'just now';
  const units: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [2592000, 'month'],
    [31536000, 'year'],
  ];
  let label = '';
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) label = `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return label;
}

/** The recent commits on HEAD (collapsed by default), newest first. */
export function ScmLog() {
  const collapsed = useScm((s) => s.collapsed);
  const log = useScm((s) => s.log);
  const open = !collapsed.log;
  useEffect(() => {
    if (open) void refreshLog();
  }, [open]);
  return (
    <section className={`scm-log${open ? ' open' : ''}`} data-testid="scm-log">
      <button className="scm-row scm-group scm-log-header" aria-expanded={open} onClick={() => useScm.getState().set({ collapsed: { ...collapsed, log: open } })}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={16} />
        <span className="scm-group-title">Commits</span>
      </button>
      {open && (
        <ol className="scm-log-list" aria-label="Recent commits">
          {log.length === 0 && <li className="scm-muted scm-log-empty">No commits yet.</li>}
          {log.map((c) => (
            <li key={c.hash} className="scm-commit-row" title={`${c.hash}\n${c.author}, ${new Date(c.date).toLocaleString()}\n\n${c.subject}`} data-testid="scm-commit-row">
              <span className="scm-commit-subject">{c.subject}</span>
              {c.refs && <span className="scm-commit-refs">{c.refs.replace('HEAD -> ', '')}</span>}
              <span className="scm-muted scm-commit-meta">
                {c.author} · {ago(c.date)} · {c.short}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
