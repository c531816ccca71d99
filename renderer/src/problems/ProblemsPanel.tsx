import { useMemo, useState } from 'react';
import './problems.css';
import { openMatch } from '../search/openMatch';
import { Icon } from '../workbench/icons';
import { groupByFile, useProblems, type ProblemSeverity } from './problemsStore';

const ICON: Record<ProblemSeverity, 'error' | 'warning' | 'info'> = { error: 'error', warning: 'warning', info: 'info' };

/** The bottom panel's Problems tab: every reported diagnostic by file; a click opens the file at the problem. */
export function ProblemsPanel() {
  const bySource = useProblems((s) => s.bySource);
  const groups = useMemo(() => groupByFile(bySource), [bySource]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  if (groups.length === 0) {
    return <div className="panel-message problems-empty" data-testid="problems-empty">No problems have been detected in the open specs.</div>;
  }
  const toggle = (path: string) => {
    const next = new Set(collapsed);
    if (!next.delete(path)) next.add(path);
    setCollapsed(next);
  };
  return (
    <div className="problems-panel" role="tree" aria-label="Problems" data-testid="problems-panel">
      {groups.map((g) => {
        const open = !collapsed.has(g.path);
        const slash = g.path.lastIndexOf('/');
        return (
          <div key={g.path} role="treeitem" aria-expanded={open} className="problems-file" data-path={g.path}>
            <button className="problems-file-row" onClick={() => toggle(g.path)}>
              <span className={`twisty${open ? ' open' : ''}`} aria-hidden="true" />
              <span className="problems-file-name">{g.path.slice(slash + 1)}</span>
              <span className="problems-file-dir">{slash > 0 ? g.path.slice(0, slash) : ''}</span>
              <span className="panel-badge">{g.problems.length}</span>
            </button>
            {open && (
              <ul role="group">
                {g.problems.map((p, i) => (
                  <li key={i}>
                    <button
                      className={`problem-row ${p.severity}`}
                      data-testid="problem-row"
                      data-severity={p.severity}
                      title={`${p.message} (${g.path}:${p.line})`}
                      onClick={() => void openMatch(g.path, p.line, p.column - 1, p.endLine === p.line && p.endColumn ? p.endColumn - 1 : p.column - 1)}
                    >
                      <span className={`problem-icon ${p.severity}`}>
                        <Icon name={ICON[p.severity]} />
                      </span>
                      <span className="problem-message">{p.message}</span>
                      {p.code && <span className="problem-code">{p.code}</span>}
                      <span className="problem-pos">
                        [Ln {p.line}, Col {p.column}]
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
