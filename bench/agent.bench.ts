// agent.turn_overhead_ms — median wall time of one agent turn (one tool round: readFile, then the final answer) through
//   the real Bedrock SDK and provider, the fake Bedrock on loopback answering at once, tools on a temp workspace and
//   the JSONL session store (one datasync per turn). baseline = the same turn with an in-process provider (no HTTP/SDK).
//   Goal < 20 ms.
// agent.cache_read_ratio — share of input tokens served from the prompt cache over turns 2–10 of a scripted session
//   (system prompt + steering + a spec, one tool round per turn), as the fake computes from the request's cache
//   points. Goal ≥ 0.8 (higher is better).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeBedrock, type FakeScript } from '../e2e/fixtures/fake-bedrock';
import { AgentSession, BedrockProvider, type ModelProvider, type ProviderEvent, type Usage } from '../agent';
import { createNodeToolContext, JsonlSessionStore } from '../agent/node';
import { report, wanted } from './report';

const SYSTEM = ['You are Keel, a coding agent working inside the user\'s repository. '.repeat(60), 'Steering (tech.md): TypeScript strict, vitest, small files. '.repeat(40)];
const SPEC = ['# Requirements\n' + 'WHEN the user saves a task THE system SHALL persist it atomically. '.repeat(120)];
const FILE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(20);

// Two model calls per turn: a tool use, then the answer.
const script: FakeScript = (_req, i) =>
  i % 2 === 0
    ? { steps: [{ text: 'Let me look at the code.' }, { toolUse: { name: 'readFile', input: { path: 'src/math.ts' } } }] }
    : { steps: [{ text: `The add function is fine (answer ${i}).` }] };

async function setup(provider: ModelProvider | ((url: string) => ModelProvider)) {
  const base = await mkdtemp(join(tmpdir(), 'keel-bench-'));
  const root = join(base, 'repo');
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src/math.ts'), FILE);
  const fake = await startFakeBedrock({ script, chunkSize: 64 });
  const store = await JsonlSessionStore.open(join(base, 'user-data'), root);
  const { context } = await createNodeToolContext({ root, mode: 'supervised' });
  const session = await AgentSession.create({
    provider: typeof provider === 'function' ? provider(fake.url) : provider,
    modelId: 'us.anthropic.claude-sonnet-4-6',
    system: SYSTEM,
    specDocuments: SPEC,
    toolContext: context,
    store,
  });
  return { session, fake };
}

/** Answers instantly in-process, like the script above, to isolate the loop's own cost. */
function inProcessProvider(): ModelProvider {
  let i = 0;
  return {
    id: 'in-process',
    async *stream(): AsyncIterable<ProviderEvent> {
      const call = i++;
      const usage: Usage = { inputTokens: 10, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 };
      if (call % 2 === 0) {
        yield { type: 'textDelta', text: 'Let me look at the code.' };
        yield { type: 'toolUse', id: `t${call}`, name: 'readFile', input: { path: 'src/math.ts' } };
        yield { type: 'usage', usage };
        yield { type: 'stop', reason: 'tool_use' };
      } else {
        yield { type: 'textDelta', text: 'The add function is fine.' };
        yield { type: 'usage', usage };
        yield { type: 'stop', reason: 'end_turn' };
      }
    },
  };
}

/** Median, not mean: build machines are shared, and one descheduled turn should not decide the figure. */
async function msPerTurn(session: AgentSession, turns: number): Promise<number> {
  for (let i = 0; i < 5; i++) await session.runTurn(`warm-up ${i}`);
  const times: number[] = [];
  for (let i = 0; i < turns; i++) {
    const t0 = performance.now();
    await session.runTurn(`question ${i}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

if (wanted('agent.turn_overhead_ms')) {
  const real = await setup((url) => new BedrockProvider({ region: 'us-east-1', endpoint: url, credentials }));
  const value = await msPerTurn(real.session, 40);
  await real.fake.close();
  const raw = await setup(inProcessProvider());
  const baseline = await msPerTurn(raw.session, 40);
  await raw.fake.close();
  report({ name: 'agent.turn_overhead_ms', value, unit: 'ms', baseline, ratio: value / baseline });
}

if (wanted('agent.cache_read_ratio')) {
  const { session, fake } = await setup((url) => new BedrockProvider({ region: 'us-east-1', endpoint: url, credentials }));
  let read = 0;
  let total = 0;
  for (let turn = 1; turn <= 10; turn++) {
    await session.runTurn(`question ${turn}`, {
      onEvent: (e) => {
        if (e.type !== 'usage' || turn < 2) return;
        read += e.call.cacheReadTokens;
        total += e.call.inputTokens + e.call.cacheReadTokens + e.call.cacheWriteTokens;
      },
    });
  }
  await fake.close();
  report({ name: 'agent.cache_read_ratio', value: read / total, unit: 'ratio' });
}
