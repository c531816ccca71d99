import { create } from 'zustand';
import type { AgentRole, AgentSettingsWire } from '../../../protocol';
import { getServices } from '../app/services';
import { fromRows, toRows, type PriceRow } from './settingsForm';

export type TestResult = { state: 'testing' } | { state: 'ok'; text: string } | { state: 'failed'; text: string };

interface SettingsState {
  saved: AgentSettingsWire | null;
  draft: AgentSettingsWire | null;
  rows: PriceRow[];
  /** KEEL_BEDROCK_ENDPOINT of the host, which beats the endpoint field. */
  endpointOverride?: string;
  /** The saved file could not be used; the form shows defaults and saving replaces the file. */
  fileProblems: string[];
  loadError?: string;
  saveError?: string;
  saving: boolean;
  tests: Partial<Record<AgentRole, TestResult>>;
  load(): Promise<void>;
  edit(change: (draft: AgentSettingsWire) => AgentSettingsWire): void;
  setRows(rows: PriceRow[]): void;
  save(): Promise<boolean>;
  revert(): void;
  test(role: AgentRole): Promise<void>;
}

/** The draft as it would be saved: the form's fields plus the price rows; a problem in the rows blocks it. */
function current(s: Pick<SettingsState, 'draft' | 'rows'>): { ok: true; settings: AgentSettingsWire } | { ok: false; problem: string } {
  if (!s.draft) return { ok: false, problem: 'Settings are not loaded yet.' };
  const prices = fromRows(s.rows);
  return prices.ok ? { ok: true, settings: { ...s.draft, prices: prices.prices } } : prices;
}

export function isSettingsDirty(s: Pick<SettingsState, 'saved' | 'draft' | 'rows'> = useAgentSettings.getState()): boolean {
  if (!s.saved || !s.draft) return false;
  const now = current(s);
  return !now.ok || JSON.stringify(now.settings) !== JSON.stringify(s.saved);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The Settings editor's state: kept outside the component so Ctrl+S and the close prompt see unsaved edits. */
export const useAgentSettings = create<SettingsState>((set, get) => ({
  saved: null,
  draft: null,
  rows: [],
  fileProblems: [],
  saving: false,
  tests: {},
  async load() {
    try {
      const { settings, endpointOverride, problems } = await getServices().client.request('agent/getSettings', {});
      set({ saved: settings, draft: settings, rows: toRows(settings.prices), endpointOverride, fileProblems: problems, loadError: undefined, saveError: undefined });
    } catch (err) {
      set({ loadError: message(err) });
    }
  },
  edit(change) {
    const draft = get().draft;
    if (draft) set({ draft: change(draft), saveError: undefined });
  },
  setRows(rows) {
    set({ rows, saveError: undefined });
  },
  async save() {
    const now = current(get());
    if (!now.ok) {
      set({ saveError: now.problem });
      return false;
    }
    set({ saving: true });
    try {
      const { settings } = await getServices().client.request('agent/setSettings', { settings: now.settings });
      set({ saved: settings, draft: settings, rows: toRows(settings.prices), saveError: undefined, fileProblems: [] });
      return true;
    } catch (err) {
      set({ saveError: message(err) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
  revert() {
    const saved = get().saved;
    if (saved) set({ draft: saved, rows: toRows(saved.prices), saveError: undefined });
  },
  async test(role) {
    const now = current(get());
    const put = (r: TestResult) => set({ tests: { ...get().tests, [role]: r } });
    if (!now.ok) return put({ state: 'failed', text: now.problem });
    put({ state: 'testing' });
    try {
      const r = await getServices().client.request('agent/testConnection', { role, settings: now.settings });
      put(r.ok ? { state: 'ok', text: `Connected: ${r.modelId} replied “${r.reply || '(empty)'}”.` } : { state: 'failed', text: r.message });
    } catch (err) {
      put({ state: 'failed', text: message(err) });
    }
  },
}));
