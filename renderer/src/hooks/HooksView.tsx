import { useEffect, useState } from 'react';
import './hooks.css';
import type { HookInfo, HookRunInfo } from '../../../protocol';
import { getServices } from '../app/services';
import { McpServers } from '../mcp/McpServers';
import { notifyError } from '../state/notifications';
import { useTabs } from '../state/tabs';
import { TrustedCommands } from '../trust/TrustedCommands';
import { useTrust } from '../trust/trustStore';
import { Icon } from '../workbench/icons';
import { PlayIcon } from './HookIcons';
import { startHooks, useHooks } from './hooksStore';
import { EVENT_LABELS, hookTabId, newHookTabId } from './hookTab';
import { UpgradeButton } from './UpgradeDialog';

/** Side view: the workspace's hooks (enable, run, edit), their run log, and the MCP servers. */
export function HooksView() {
  const { hooks, runs, error } = useHooks();
  const active = useTabs((s) => s.active);
  useEffect(() => startHooks(getServices().client), []);
  return (
    <div className="hooks-view" data-testid="hooks-view">
      <Section title="Agent Hooks" actions={<NewHookButton />}>
        {error && <div className="hooks-problem">Could not read the hooks: {error}</div>}
        {hooks?.blocked && (
          <div className="hooks-blocked" data-testid="hooks-blocked">
            <Icon name="warning" size={14} />
            <span>
              {hooks.blocked}{' '}
              <button className="link-button" onClick={() => useTrust.getState().set({ dialogRequested: true })}>
                Trust folder…
              </button>
            </span>
          </div>
        )}
        {hooks && hooks.hooks.length === 0 && (
          <div className="hooks-empty">
            No hooks yet. A hook runs a command or asks the agent when something happens: a file is saved, a task starts, a tool is used.
          </div>
        )}
        <div role="list" aria-label="Hooks">
          {hooks?.hooks.map((h) => <HookRow key={h.id} hook={h} active={active === hookTabId(h.id)} />)}
        </div>
      </Section>
      <Section title="Run Log" count={runs.length}>
        {runs.length === 0 ? <div className="hooks-empty">Hook runs appear here with their status, duration and output.</div> : <RunLog runs={runs} />}
      </Section>
      <Section title="MCP Servers">
        <McpServers />
      </Section>
      <Section title="Trusted Commands" initiallyOpen={false}>
        <TrustedCommands />
      </Section>
    </div>
  );
}

function Section(props: { title: string; count?: number; actions?: React.ReactNode; initiallyOpen?: boolean; children: React.ReactNode }) {
  const [open, setOpen] = useState(props.initiallyOpen ?? true);
  return (
    <section className={`hooks-section${open ? ' open' : ''}`} aria-label={props.title}>
      <div className="pane-header hooks-section-header">
        <button className="section-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
          <span className="pane-title">{props.title}</span>
          {props.count ? <span className="hooks-count">{props.count}</span> : null}
        </button>
        <div className="pane-actions">{props.actions}</div>
      </div>
      {open && <div className="hooks-section-body">{props.children}</div>}
    </section>
  );
}

function NewHookButton() {
  return (
    <button className="icon-button" title="New Hook" aria-label="New Hook" data-testid="hook-new" onClick={() => useTabs.getState().open(newHookTabId())}>
      <Icon name="plus" />
    </button>
  );
}

function HookRow({ hook, active }: { hook: HookInfo; active: boolean }) {
  const { client } = getServices();
  const canToggle = hook.status === 'ready' || hook.status === 'disabled';
  const toggle = () => void client.request('hooks/setEnabled', { id: hook.id, enabled: hook.status !== 'ready' }).catch((err) => notifyError(`Could not change ${hook.name}`, err));
  const run = () => void client.request('hooks/run', { id: hook.id }).catch((err) => notifyError(`Could not run ${hook.name}`, err));
  // A v1 file may hold several hooks: it opens in the text editor (the form edits one 0.x hook per file).
  const file = hook.file ?? hook.id;
  const user = hook.scope === 'user';
  const edit = () => useTabs.getState().open(hook.format === 'v1' ? file : hookTabId(hook.id));
  return (
    <div className={`hook-row${active ? ' selected' : ''}`} role="listitem" data-testid="hook-row" data-hook={hook.id} data-status={hook.status}>
      <div className="hook-row-top">
        <input
          type="checkbox"
          className="hook-toggle"
          role="switch"
          aria-label={`Enable ${hook.name}`}
          title={canToggle ? (hook.status === 'ready' ? 'Enabled: click to disable' : 'Disabled: click to enable') : 'Fix the hook file first'}
          checked={hook.status === 'ready'}
          disabled={!canToggle}
          data-testid="hook-toggle"
          onChange={toggle}
        />
        <button className="hook-name link-like" title={user ? `${file} (your own hooks, outside this folder)` : `Edit ${file}`} disabled={user} onClick={edit}>
          {hook.name}
        </button>
        {hook.format && (
          <span className={`hook-format ${hook.format}`} data-testid="hook-format" title={hook.format === 'v1' ? "Kiro 1.0's format" : 'The 0.x format (when/then); Upgrade writes it in the 1.0 format'}>
            {hook.format === 'v1' ? 'v1' : 'legacy'}
          </span>
        )}
        {user && <span className="hook-format user">user</span>}
        {hook.event === 'userTriggered' && hook.status === 'ready' && (
          <button className="icon-button" title={`Run ${hook.name}`} aria-label={`Run ${hook.name}`} data-testid="hook-run" onClick={run}>
            <PlayIcon />
          </button>
        )}
      </div>
      <div className="hook-sub">
        {hook.event ? (EVENT_LABELS[hook.event] ?? hook.event) : 'unknown event'}
        {hook.matcher && <span className="hook-matcher" title={hook.matcher}>{` ${hook.matcher}`}</span>}
        {hook.action && ` → ${hook.action === 'runCommand' ? 'run command' : 'ask agent'}`}
        {hook.inTerminal && <span data-testid="hook-terminal-badge"> in a terminal</span>}
      </div>
      {hook.needsApproval && (
        <div className="hook-sub warning" data-testid="hook-needs-approval">
          Changed since you approved it: does not run until approved (status bar)
        </div>
      )}
      {hook.reason && <div className="hook-sub error">{hook.reason}</div>}
      {hook.format === 'legacy' && !user && hook.status !== 'invalid' && (
        <div className="hook-sub">
          <UpgradeButton hook={hook} />
        </div>
      )}
      {hook.warnings.map((w) => (
        <div key={w} className="hook-sub warning">
          {w}
        </div>
      ))}
    </div>
  );
}

const STATUS_LABEL: Record<HookRunInfo['status'], string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  timedOut: 'timed out',
  cancelled: 'cancelled',
  blocked: 'blocked',
};

function RunLog({ runs }: { runs: HookRunInfo[] }) {
  return (
    <div className="run-log" role="list" aria-label="Hook runs" data-testid="run-log">
      {runs.map((r) => (
        <RunRow key={r.id} run={r} />
      ))}
    </div>
  );
}

function RunRow({ run }: { run: HookRunInfo }) {
  const [open, setOpen] = useState(false);
  const files = run.trigger.files ?? [];
  const when = new Date(run.startedAt ?? run.queuedAt).toLocaleTimeString();
  const live = run.status === 'running' || run.status === 'queued';
  return (
    <div className="run-row" role="listitem" data-testid="run-row" data-status={run.status} data-hook={run.hookId}>
      <button className="run-row-top" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
        <span className={`status-dot ${run.status}`} aria-hidden="true" />
        <span className="hook-name" title={run.hookName}>
          {run.hookName}
        </span>
        {run.durationMs !== undefined && <span className="hooks-muted run-duration">{formatDuration(run.durationMs)}</span>}
      </button>
      <div className="hook-sub">
        <span className="run-status" data-testid="run-status">
          {STATUS_LABEL[run.status]}
        </span>
        {' · '}
        {EVENT_LABELS[run.trigger.event] ?? run.trigger.event}
        {files.length > 0 && `: ${files.length === 1 ? files[0] : `${files.length} files`}`}
        {run.trigger.tool && `: ${run.trigger.tool.name}`}
        {run.trigger.prompt !== undefined && (
          <>
            {': '}
            <span className="run-prompt" data-testid="run-prompt" title={run.trigger.prompt}>
              “{run.trigger.prompt.length > 80 ? `${run.trigger.prompt.slice(0, 80)}…` : run.trigger.prompt}”
            </span>
          </>
        )}
        {` · ${when}`}
      </div>
      {run.reason && <div className={`hook-sub ${run.status === 'blocked' ? 'warning' : 'error'}`}>{run.reason}</div>}
      {(open || (live && run.output)) && (
        <pre className="hook-output" data-testid="run-output">
          {run.output || (live ? '' : '(no output)')}
        </pre>
      )}
    </div>
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
