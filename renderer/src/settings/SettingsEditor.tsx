import { useEffect, type ReactNode } from 'react';
import type { AgentRole, AgentSettingsWire } from '../../../protocol';
import { isSettingsDirty, useAgentSettings, type TestResult } from './settingsStore';
import type { PriceRow } from './settingsForm';
import './settings.css';

const ROLES: { role: AgentRole; title: string; hint: string }[] = [
  { role: 'planner', title: 'Planner', hint: 'Writes specs, plans tasks and reviews. Default: Claude Sonnet on Bedrock.' },
  { role: 'executor', title: 'Executor', hint: 'Implements tasks and bulk edits. Default: Amazon Nova on Bedrock.' },
];

/** The Settings editor tab (`settings:agent`): models per role, providers, mode and the price table. */
export function SettingsEditor() {
  const s = useAgentSettings();
  useEffect(() => {
    if (!useAgentSettings.getState().saved) void useAgentSettings.getState().load();
  }, []);

  if (s.loadError) return <div className="settings-editor settings-error" role="alert">Could not load the agent settings: {s.loadError}</div>;
  if (!s.draft) return <div className="settings-editor settings-loading">Loading settings…</div>;
  const d = s.draft;
  const dirty = isSettingsDirty(s);
  const edit = s.edit;
  const models = [...new Set(s.rows.map((r) => r.model).filter(Boolean))];

  return (
    <div className="settings-editor" data-testid="settings-editor">
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void s.save();
        }}
      >
        <header className="settings-header">
          <h1>Agent Settings</h1>
          <div className="settings-actions">
            <span className="settings-status" data-testid="settings-status" role="status">
              {s.saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'Saved'}
            </span>
            <button type="button" className="button secondary" disabled={!dirty || s.saving} onClick={s.revert}>
              Revert
            </button>
            <button type="submit" className="button primary" data-testid="settings-save" disabled={!dirty || s.saving}>
              Save
            </button>
          </div>
        </header>
        {s.fileProblems.length > 0 && (
          <div className="settings-note" role="alert" data-testid="settings-file-problems">
            The saved settings file could not be used, so the defaults are shown; saving replaces it.
            <ul>
              {s.fileProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {s.saveError && (
          <p className="settings-problem" role="alert" data-testid="settings-save-error">
            {s.saveError}
          </p>
        )}

        <Section title="Models" hint="Which provider and model each role uses. New chats and tasks pick up a change; open chats keep their model.">
          <datalist id="settings-known-models">
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          {ROLES.map(({ role, title, hint }) => (
            <div className="settings-role" key={role} data-testid={`settings-role-${role}`}>
              <div className="settings-role-title">
                <strong>{title}</strong>
                <span className="settings-hint">{hint}</span>
              </div>
              <div className="settings-row">
                <Field label="Provider">
                  <select
                    data-testid={`settings-${role}-provider`}
                    value={d.roles[role].provider}
                    onChange={(e) => edit((x) => withRole(x, role, { provider: e.target.value as 'bedrock' | 'openai' }))}
                  >
                    <option value="bedrock">Amazon Bedrock</option>
                    <option value="openai">OpenAI-compatible</option>
                  </select>
                </Field>
                <Field label="Model" grow>
                  <input
                    data-testid={`settings-${role}-model`}
                    list="settings-known-models"
                    spellCheck={false}
                    value={d.roles[role].model}
                    onChange={(e) => edit((x) => withRole(x, role, { model: e.target.value }))}
                  />
                </Field>
                <button type="button" className="button secondary settings-test" data-testid={`settings-${role}-test`} onClick={() => void s.test(role)}>
                  Test connection
                </button>
              </div>
              <TestLine role={role} result={s.tests[role]} />
            </div>
          ))}
        </Section>

        <Section title="Amazon Bedrock" hint="Credentials come from the AWS default chain (environment, ~/.aws profiles, SSO).">
          {s.endpointOverride && (
            <p className="settings-note" data-testid="settings-endpoint-override">
              KEEL_BEDROCK_ENDPOINT is set for this Keel: requests go to {s.endpointOverride}, whatever the endpoint below says.
            </p>
          )}
          <div className="settings-row">
            <Field label="Region">
              <input value={d.bedrock.region} spellCheck={false} onChange={(e) => edit((x) => ({ ...x, bedrock: { ...x.bedrock, region: e.target.value } }))} />
            </Field>
            <Field label="Profile (optional)">
              <input value={d.bedrock.profile ?? ''} placeholder="default chain" spellCheck={false} onChange={(e) => edit((x) => ({ ...x, bedrock: { ...x.bedrock, profile: e.target.value } }))} />
            </Field>
            <Field label="Endpoint (optional)" grow>
              <input value={d.bedrock.endpoint ?? ''} placeholder="regional default" spellCheck={false} onChange={(e) => edit((x) => ({ ...x, bedrock: { ...x.bedrock, endpoint: e.target.value } }))} />
            </Field>
          </div>
        </Section>

        <Section title="OpenAI-compatible" hint="Any server speaking the OpenAI API: Ollama (http://localhost:11434/v1), LM Studio, vLLM.">
          <div className="settings-row">
            <Field label="Base URL" grow>
              <input value={d.openai.baseURL} spellCheck={false} onChange={(e) => edit((x) => ({ ...x, openai: { ...x.openai, baseURL: e.target.value } }))} />
            </Field>
            <Field label="API key (optional)">
              <input type="password" autoComplete="off" value={d.openai.apiKey ?? ''} onChange={(e) => edit((x) => ({ ...x, openai: { ...x.openai, apiKey: e.target.value } }))} />
            </Field>
          </div>
        </Section>

        <Section title="Mode for new chats" hint="Supervised holds every edit for your review; Autopilot applies edits at once behind a checkpoint you can restore.">
          <div className="settings-row" role="radiogroup" aria-label="Mode for new chats">
            {(['supervised', 'autopilot'] as const).map((mode) => (
              <label className="settings-radio" key={mode}>
                <input type="radio" name="agent-mode" checked={d.mode === mode} onChange={() => edit((x) => ({ ...x, mode }))} />
                {mode === 'supervised' ? 'Supervised' : 'Autopilot'}
              </label>
            ))}
          </div>
        </Section>

        <Section title="Prices" hint="USD per million tokens, used by the token and cost meter. Prefixes like “us.” are ignored when looking a model up.">
          <PriceTable rows={s.rows} onChange={s.setRows} />
        </Section>
      </form>
    </div>
  );
}

function withRole(x: AgentSettingsWire, role: AgentRole, change: Partial<AgentSettingsWire['roles'][AgentRole]>): AgentSettingsWire {
  return { ...x, roles: { ...x.roles, [role]: { ...x.roles[role], ...change } } };
}

function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section className="settings-section">
      <h2>{title}</h2>
      <p className="settings-hint">{hint}</p>
      {children}
    </section>
  );
}

function Field({ label, grow, children }: { label: string; grow?: boolean; children: ReactNode }) {
  return (
    <label className={grow ? 'settings-field grow' : 'settings-field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}

function TestLine({ role, result }: { role: AgentRole; result: TestResult | undefined }) {
  if (!result) return null;
  const text = result.state === 'testing' ? 'Testing…' : result.text;
  return (
    <p className={`settings-test-result ${result.state}`} data-testid={`settings-${role}-test-result`} role="status">
      {result.state === 'ok' ? '✓ ' : result.state === 'failed' ? '✗ ' : ''}
      {text}
    </p>
  );
}

const COLUMNS = [
  ['input', 'Input'],
  ['output', 'Output'],
  ['cacheRead', 'Cache read'],
  ['cacheWrite', 'Cache write'],
] as const;

function PriceTable({ rows, onChange }: { rows: PriceRow[]; onChange: (rows: PriceRow[]) => void }) {
  const put = (i: number, change: Partial<PriceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <>
      <table className="settings-prices" data-testid="settings-prices">
        <thead>
          <tr>
            <th>Model id</th>
            {COLUMNS.map(([, label]) => (
              <th key={label}>{label}</th>
            ))}
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input aria-label="Model id" spellCheck={false} value={row.model} onChange={(e) => put(i, { model: e.target.value })} />
              </td>
              {COLUMNS.map(([key, label]) => (
                <td key={key}>
                  <input aria-label={`${label} price for ${row.model || 'new model'}`} inputMode="decimal" value={row[key]} onChange={(e) => put(i, { [key]: e.target.value })} />
                </td>
              ))}
              <td>
                <button type="button" className="icon-button" title="Remove this model" aria-label={`Remove ${row.model}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button secondary" onClick={() => onChange([...rows, { model: '', input: '', output: '', cacheRead: '', cacheWrite: '' }])}>
        Add model
      </button>
    </>
  );
}
