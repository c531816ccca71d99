import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { defaultAgentSettings, parseAgentSettings, type AgentSettings } from '../../../agent';

/** `<userData>/agent/settings.json`: Keel's own state, never inside the workspace. */
export function agentSettingsFile(userDataDir: string): string {
  return join(userDataDir, 'agent', 'settings.json');
}

export interface LoadedAgentSettings {
  settings: AgentSettings;
  /** Why the saved file was not used (unreadable JSON, a bad field); the defaults stand in until the user saves. */
  problems: string[];
}

/**
 * The saved agent settings with defaults filled in. A missing file is the defaults; a broken one is reported and
 * left on disk untouched (the user's text is not lost), so the view can show what is wrong.
 */
export async function loadAgentSettings(userDataDir: string): Promise<LoadedAgentSettings> {
  let text: string;
  try {
    text = await readFile(agentSettingsFile(userDataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultAgentSettings(), problems: [] };
    return { settings: defaultAgentSettings(), problems: [`Cannot read ${agentSettingsFile(userDataDir)}: ${(e as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { settings: defaultAgentSettings(), problems: [`${agentSettingsFile(userDataDir)} is not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = parseAgentSettings(json);
  return parsed.ok ? { settings: parsed.settings, problems: [] } : { settings: defaultAgentSettings(), problems: parsed.errors };
}

/** Validates, then writes atomically; throws with the first bad field named. */
export async function saveAgentSettings(userDataDir: string, input: unknown): Promise<AgentSettings> {
  const parsed = parseAgentSettings(withoutEmptyOptionals(input));
  if (!parsed.ok) throw new SettingsError(parsed.errors);
  const file = agentSettingsFile(userDataDir);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(parsed.settings, null, 2)}\n`);
  return parsed.settings;
}

export class SettingsError extends Error {
  constructor(readonly errors: string[]) {
    super(errors[0] ?? 'Invalid settings');
    this.name = 'SettingsError';
  }
}

/** Empty optional fields from a form mean "not set" (an empty endpoint is not a bad URL). */
export function withoutEmptyOptionals(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const out: Record<string, unknown> = { ...input };
  for (const [section, keys] of [['bedrock', ['profile', 'endpoint']], ['openai', ['apiKey']]] as const) {
    const part = out[section];
    if (!isRecord(part)) continue;
    const copy: Record<string, unknown> = { ...part };
    for (const k of keys) if (typeof copy[k] === 'string' && (copy[k] as string).trim() === '') delete copy[k];
    out[section] = copy;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
