import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { ServiceTextSearch } from './agent-text-search';
import { SearchService } from './search-service';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it("serves the agent's grepSearch port with the workbench's engine and ignore rules", async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-agent-search-'));
  writeFileSync(path.join(dir, '.kiroignore'), 'private.txt\n');
  writeFileSync(path.join(dir, 'private.txt'), 'TODO secret\n');
  writeFileSync(path.join(dir, 'a.ts'), 'const x = 1; // TODO one\nlet todo = 2;\n');
  const service = new SearchService(await WorkspaceFs.open(dir));
  const search = new ServiceTextSearch(service);
  // Two agent searches at once: neither cancels the other (they are different owners).
  const [sensitive, insensitive] = await Promise.all([
    search.search({ pattern: 'TODO', caseSensitive: true, maxResults: 10 }),
    search.search({ pattern: 'todo', caseSensitive: false, maxResults: 10 }),
  ]);
  expect(sensitive).toEqual([{ path: 'a.ts', line: 1, text: 'const x = 1; // TODO one' }]);
  expect(insensitive.map((m) => m.line)).toEqual([1, 2]);
  await expect(search.search({ pattern: '(', caseSensitive: false, maxResults: 5 })).rejects.toThrow(/Invalid regular expression/);
  service.dispose();
});
