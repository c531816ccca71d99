import { useEffect, useState } from 'react';
import type { CommandRule, CommandVerdictInfo } from '../../../protocol';
import { getServices } from '../app/services';
import { Icon } from '../workbench/icons';

/**
 * The user's "always run" command rules (kept in the user data dir, for every folder): list, remove, add a prefix
 * or exact pattern, and a tester showing how a command line would be judged now.
 */
export function TrustedCommands() {
  const [rules, setRules] = useState<CommandRule[] | null>(null);
  const [pattern, setPattern] = useState('');
  const [match, setMatch] = useState<CommandRule['match']>('prefix');
  const [error, setError] = useState<string | null>(null);
  const [probe, setProbe] = useState('');
  const [verdict, setVerdict] = useState<CommandVerdictInfo | null>(null);
  const { client } = getServices();
  useEffect(() => {
    client.request('trust/commandRules', {}).then(
      (r) => setRules(r.rules),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [client]);
  useEffect(() => {
    if (!probe.trim()) return setVerdict(null);
    let live = true;
    const timer = setTimeout(() => {
      client.request('trust/evaluateCommand', { command: probe }).then((v) => live && setVerdict(v), () => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, probe, rules]);
  const change = (work: Promise<{ rules: CommandRule[] }>) =>
    work.then(
      (r) => {
        setRules(r.rules);
        setError(null);
        setPattern('');
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  return (
    <div className="trusted-commands" data-testid="trusted-commands">
      <div className="hooks-empty">Read-only commands (ls, cat, git status, …) run unasked by default; destructive ones always ask. Commands matching a rule below run unasked in trusted folders.</div>
      {rules?.map((r) => (
        <div key={`${r.match}:${r.pattern}`} className="rule-row" data-testid="command-rule">
          <code>{r.pattern}</code>
          <span className="hook-badge">{r.match}</span>
          <button className="icon-button" title={`Remove ${r.pattern}`} aria-label={`Remove ${r.pattern}`} onClick={() => void change(client.request('trust/removeCommandRule', r))}>
            <Icon name="trash" size={14} />
          </button>
        </div>
      ))}
      <form
        className="rule-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (pattern.trim()) void change(client.request('trust/addCommandRule', { pattern, match }));
        }}
      >
        <input className="mono" value={pattern} placeholder="npm test" aria-label="Command pattern" data-testid="rule-pattern" onChange={(e) => setPattern(e.target.value)} />
        <select value={match} aria-label="Match" onChange={(e) => setMatch(e.target.value as CommandRule['match'])}>
          <option value="prefix">prefix</option>
          <option value="exact">exact</option>
        </select>
        <button className="button secondary" type="submit" data-testid="rule-add">
          Add
        </button>
      </form>
      {error && <div className="hook-sub error">{error}</div>}
      <input className="mono rule-probe" value={probe} placeholder="Test a command: npm test && git push" aria-label="Test a command" data-testid="rule-probe" onChange={(e) => setProbe(e.target.value)} />
      {verdict && (
        <div className="hook-sub" data-testid="rule-verdict">
          {verdict.decision === 'run' ? 'Runs unasked.' : 'Asks first.'}{' '}
          {verdict.commands.filter((c) => !c.trusted).map((c) => `${c.text}: ${c.reason}`).join('; ')}
          {verdict.warnings.length > 0 && ` ${verdict.warnings.join(' ')}`}
        </div>
      )}
    </div>
  );
}
