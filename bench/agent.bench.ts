// agent.turn_overhead_ms — median wall time of one agent turn (one tool round: readFile, then the final answer) through
//   the real Bedrock SDK and provider to the fake Bedrock in its own process answering at once, tools on a temp
//   workspace and the JSONL session store (one datasync per turn), over 10-turn sessions. baseline = the same turns
//   with an in-process provider (no HTTP, no SDK). Goal < 20 ms.
// agent.turn_cpu_ms — this process's CPU time per turn in the same run: the agent's own cost, which a busy shared
//   machine's scheduling delays do not inflate.
// agent.cache_read_ratio — share of input tokens served from the prompt cache over turns 2–10 of a scripted session
//   (system prompt + steering + a spec, one tool round per turn), as the fake computes from the requests' cache
//   points. Goal ≥ 0.8 (higher is better).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeBedrock, type FakeResponse } from '../e2e/fixtures/fake-bedrock';
import { AgentSession, BedrockProvider, type ModelProvider, type ProviderEvent, type Usage } from '../agent';
import { createNodeToolContext, JsonlSessionStore } from '../agent/node';
import { report, wanted } from './report';

const SYSTEM = ["You are Keel, a coding agent working inside the user's repository. ".repeat(60), 'Steering (tech.md): TypeScript strict, vitest, small files. '.repeat(40)];
const SPEC = ['# Requirements\n' + 'WHEN the user saves a task THE system SHALL persist it atomically. '.repeat(120)];
const FILE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(20);
const SESSIONS = 6;
const TURNS = 10;
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

// Two model calls per turn: a tool use, then the answer.
const answer = (i: number): FakeResponse =>
  i % 2 === 0
    ? { steps: [{ text: 'Let me look at the code.' }, { toolUse: { name: 'readFile', input: { path: 'src/math.ts' } } }] }
    : { steps: [{ text: `The add function is fine (answer ${i}).` }] };

async function newSession(provider: ModelProvider): Promise<AgentSession> {
  const base = await mkdtemp(join(tmpdir(), 'keel-bench-'));
  const root = join(base, 'repo');
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src/math.ts'), FILE);
  const store = await JsonlSessionStore.open(join(base, 'user-data'), root);
  const { context } = await createNodeToolContext({ root, mode: 'supervised' });
  return AgentSession.create({ provider, modelId: 'us.anthropic.claude-sonnet-4-6', system: SYSTEM, specDocuments: SPEC, toolContext: context, store });
}

/** Answers instantly in-process, like the script, to isolate the loop's own cost. */
function inProcessProvider(): ModelProvider {
  let i = 0;
  const usage: Usage = { inputTokens: 10, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return {
    id: 'in-process',
    async *stream(): AsyncIterable<ProviderEvent> {
      const call = i++;
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

/** The fake in a child process, so its CPU is not counted as the agent's. */
async function fakeInChildProcess(responses: FakeResponse[]): Promise<{ url: string; child: ChildProcess }> {
  const dir = await mkdtemp(join(tmpdir(), 'keel-bench-fake-'));
  const scriptFile = join(dir, 'script.json');
  await writeFile(scriptFile, JSON.stringify(responses));
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/fixtures/fake-bedrock/cli.ts', '--port', '0', '--script', scriptFile], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`fake Bedrock exited with ${code}`)));
  });
  return { url, child };
}

/**
 * Median wall time per turn, not mean: build machines are shared, and one descheduled turn should not decide the
 * figure. The first session warms up and is not counted.
 */
async function measure(provider: () => ModelProvider): Promise<{ wall: number; cpu: number }> {
  const times: number[] = [];
  let cpuMicros = 0;
  for (let s = 0; s <= SESSIONS; s++) {
    const session = await newSession(provider());
    for (let turn = 1; turn <= TURNS; turn++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await session.runTurn(`question ${turn}`);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (s === 0) continue;
      times.push(wall);
      cpuMicros += cpu.user + cpu.system;
    }
  }
  times.sort((a, b) => a - b);
  return { wall: times[Math.floor(times.length / 2)]!, cpu: cpuMicros / 1000 / times.length };
}

if (wanted('agent.turn_overhead_ms') || wanted('agent.turn_cpu_ms')) {
  const calls = (SESSIONS + 1) * TURNS * 2;
  const { url, child } = await fakeInChildProcess(Array.from({ length: calls }, (_, i) => answer(i)));
  try {
    const value = await measure(() => new BedrockProvider({ region: 'us-east-1', endpoint: url, credentials }));
    const baseline = await measure(inProcessProvider);
    report({ name: 'agent.turn_overhead_ms', value: value.wall, unit: 'ms', baseline: baseline.wall, ratio: value.wall / baseline.wall });
    report({ name: 'agent.turn_cpu_ms', value: value.cpu, unit: 'ms', baseline: baseline.cpu, ratio: value.cpu / baseline.cpu });
  } finally {
    child.kill();
  }
}

if (wanted('agent.cache_read_ratio')) {
  const fake = await startFakeBedrock({ script: (_req, i) => answer(i) });
  const session = await newSession(new BedrockProvider({ region: 'us-east-1', endpoint: fake.url, credentials }));
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
