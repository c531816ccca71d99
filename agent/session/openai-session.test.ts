import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../e2e/fixtures/fake-openai';
import { createNodeToolContext } from '../node/tool-context';
import { OpenAIProvider } from '../providers/openai';
import { AgentSession } from './agent-session';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('a whole turn through the OpenAI-compatible provider', () => {
  it('calls a tool, sends the result back and finishes, retrying a 500 on the way', async () => {
    const root = await mkdtemp(join(tmpdir(), 'keel-oai-'));
    await writeFile(join(root, 'README.md'), '# Demo project\n');
    fake = await startFakeOpenAI({
      script: [
        { steps: [{ toolCall: { name: 'readFile', arguments: { path: 'README.md' } } }] },
        { steps: [{ httpError: { status: 500, message: 'overloaded' } }] },
        { steps: [{ text: 'The project is called Demo.' }] },
      ],
    });
    const { context } = await createNodeToolContext({ root, mode: 'supervised' });
    const session = await AgentSession.create({
      provider: new OpenAIProvider({ baseURL: fake.url }),
      modelId: 'qwen2.5-coder:7b',
      system: ['You are Keel.'],
      toolContext: context,
      clock: { now: () => 0, sleep: async () => undefined },
    });
    const result = await session.runTurn('What is this project called?');
    expect(result.text).toBe('The project is called Demo.');
    const lastRequest = fake.requests[2]!.body.messages as Array<{ role: string; content?: string; tool_call_id?: string }>;
    expect(lastRequest.find((m) => m.role === 'tool')?.content).toBe('# Demo project\n');
    // No price for a local model: cost stays unknown rather than a made-up zero.
    expect(result.costUsd).toBeUndefined();
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });
});
