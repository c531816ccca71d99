import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock, type FakeScript } from '../../../e2e/fixtures/fake-bedrock';
import { REQUIREMENTS } from '../../../e2e/fixtures/specwriter/documents';
import { AgentPlanner } from './planner';

// The real AgentSession and Bedrock provider against the fake Bedrock: what the planner sends and what it keeps.
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function plannerWith(script: FakeScript, files: Record<string, string>): Promise<{ planner: AgentPlanner; fake: FakeBedrock }> {
  const base = await mkdtemp(join(tmpdir(), 'keel-planner-'));
  const root = join(base, 'repo');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const fake = await startFakeBedrock({ script });
  cleanup = async () => {
    await fake.close();
    await rm(base, { recursive: true, force: true });
  };
  const planner = new AgentPlanner({ root, userDataDir: join(base, 'user-data'), env: { KEEL_BEDROCK_ENDPOINT: fake.url }, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
  return { planner, fake };
}

describe('AgentPlanner', () => {
  it('offers only read-only tools, includes steering, and keeps the document written after looking at the code', async () => {
    const { planner, fake } = await plannerWith(
      [
        { steps: [{ text: 'Let me read the code.' }, { toolUse: { name: 'readFile', input: { path: 'src/todo.js' } } }] },
        { steps: [{ text: 'Here it is:\n\n' + REQUIREMENTS }] },
      ],
      { 'src/todo.js': 'export function addTodo() {}\n', '.kiro/steering/product.md': '---\ninclusion: always\n---\nTodos are for busy parents.\n' },
    );
    const seen: string[] = [];
    const result = await planner.write({ prompt: 'Phase: requirements. Write it.', signal: new AbortController().signal, onText: (t) => seen.push(t) });
    expect(result).toMatchObject({ stopReason: 'end_turn', text: REQUIREMENTS });
    expect(seen.at(-1)).toBe(REQUIREMENTS);
    expect(seen.every((t) => !t.includes('Let me read'))).toBe(true);
    const first = fake.requests[0]!.body as { toolConfig: { tools: { toolSpec?: { name: string } }[] }; system: { text?: string }[] };
    expect(first.toolConfig.tools.flatMap((t) => (t.toolSpec ? [t.toolSpec.name] : []))).toEqual(['readFile', 'listDirectory', 'fileSearch', 'grepSearch']);
    expect(JSON.stringify(first.system)).toContain('Todos are for busy parents.');
    expect(JSON.stringify(first.system)).toContain("You are Keel's planner");
    // The tool ran: its result went back to the model.
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('export function addTodo() {}');
  });

  it('a write tool the model asks for anyway is refused, and nothing is written', async () => {
    const { planner, fake } = await plannerWith(
      [{ steps: [{ toolUse: { name: 'fsWrite', input: { path: 'x.txt', text: 'no' } } }] }, { steps: [{ text: REQUIREMENTS }] }],
      { 'a.txt': 'a' },
    );
    await planner.write({ prompt: 'Phase: requirements.', signal: new AbortController().signal, onText: () => {} });
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('Unknown tool \\"fsWrite\\"');
  });
});
