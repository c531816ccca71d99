import { useEffect, useState } from 'react';
import { getServices } from '../app/services';

const SHOWN = 50;

/** Which workspace files the patterns select, asked of the host's file index as the user types (debounced). */
export function PatternTester({ patterns }: { patterns: string[] }) {
  const key = patterns.join('\n');
  const [result, setResult] = useState<{ key: string; matches: string[]; total: number } | { key: string; error: string } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      getServices()
        .client.request('steering/testPattern', { patterns: key.split('\n'), limit: SHOWN })
        .then(
          (r) => live && setResult({ key, ...r }),
          (err: unknown) => live && setResult({ key, error: err instanceof Error ? err.message : String(err) }),
        );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (!key) return <div className="steering-tester muted">Type a pattern to see which files it selects.</div>;
  const current = result?.key === key ? result : null;
  if (!current) return <div className="steering-tester muted" aria-busy="true">Matching…</div>;
  if ('error' in current) return <div className="steering-tester error">Could not test the pattern: {current.error}</div>;
  return (
    <div className="steering-tester" data-testid="steering-tester">
      <div className="steering-tester-count" data-testid="steering-match-count">
        {current.total === 0 ? 'No workspace file matches.' : `${current.total} ${current.total === 1 ? 'file matches' : 'files match'}`}
      </div>
      {current.matches.length > 0 && (
        <ul className="steering-matches" aria-label="Matching files">
          {current.matches.map((m) => (
            <li key={m} data-testid="steering-match" title={m}>
              {m}
            </li>
          ))}
          {current.total > current.matches.length && <li className="muted">… and {current.total - current.matches.length} more</li>}
        </ul>
      )}
    </div>
  );
}
