// Test support: a temp workspace, the fake Bedrock and a session wired to both. Not part of the runtime.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startFakeBedrock, type FakeBedrock, type FakeScript } from '../../e2e/fixtures/fake-bedrock';
import type { Changeset } from '../changeset/changeset';
import type { ApprovalGate } from '../core/ports';
import { JsonlSessionStore } from '../node/jsonl-session-store';
import { createNodeToolContext } from '../node/tool-context';
import { BedrockProvider } from '../providers/bedrock';
import type { ModelProvider } from '../providers/provider';
import type { Clock } from '../runtime/clock';
import { AgentSession, type AgentSessionOptions } from '../session/agent-session';
import type { AgentEvent } from '../session/events';

/** A workspace on disk, a user-data dir beside it, the fake Bedrock and the real provider pointed at it. */
export interface Harness {
  root: string;
  userData: string;
  fake: FakeBedrock;
  provider: ModelProvider;
  store: JsonlSessionStore;
  changeset: Changeset;
  options: AgentSessionOptions;
  sleeps: number[];
  events: AgentEvent[];
  newSession(): Promise<AgentSession>;
  close(): Promise<void>;
}

export const runEverything: ApprovalGate = { approveCommand: async () => ({ kind: 'run' }) };

export async function startHarness(
  script: FakeScript,
  setup: { files?: Record<string, string>; approval?: ApprovalGate; system?: string[]; specDocuments?: string[] } = {},
): Promise<Harness> {
  const base = await mkdtemp(join(tmpdir(), 'keel-agent-'));
  const root = join(base, 'repo');
  const userData = join(base, 'user-data');
  await mkdir(root, { recursive: true });
  for (const [path, text] of Object.entries(setup.files ?? {})) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const fake = await startFakeBedrock({ script });
  const provider = new BedrockProvider({ region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
  const store = await JsonlSessionStore.open(userData, root);
  const { context, changeset } = await createNodeToolContext({ root, mode: 'supervised', approval: setup.approval ?? runEverything });
  const sleeps: number[] = [];
  const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
  const options: AgentSessionOptions = {
    provider,
    modelId: 'us.anthropic.claude-sonnet-4-6',
    system: setup.system ?? ['You are Keel, a coding agent.', 'Steering: use TypeScript strict mode.'],
    specDocuments: setup.specDocuments ?? [],
    toolContext: context,
    changeset,
    store,
    clock,
    random: () => 0.5,
  };
  const events: AgentEvent[] = [];
  return {
    root,
    userData,
    fake,
    provider,
    store,
    changeset,
    options,
    sleeps,
    events,
    newSession: () => AgentSession.create(options),
    close: () => fake.close(),
  };
}
