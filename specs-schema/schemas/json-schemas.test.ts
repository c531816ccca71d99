import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas';

const dir = join(import.meta.dirname, '..', 'json-schema');

describe('committed JSON Schema files', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`${name}.schema.json is up to date`, () => {
      const file = join(dir, `${name}.schema.json`);
      const expected = JSON.stringify(schema, null, 2) + '\n';
      if (process.env.KEEL_UPDATE_SNAPSHOTS === '1') writeFileSync(file, expected);
      let actual = '';
      try {
        actual = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`${file} is missing; run KEEL_UPDATE_SNAPSHOTS=1 npx vitest run specs-schema/schemas`);
      }
      expect(actual, `${name}.schema.json is stale; run KEEL_UPDATE_SNAPSHOTS=1 npx vitest run specs-schema/schemas`).toBe(expected);
    });
  }

  it('the hook schema lists every Kiro event and both actions', () => {
    const text = JSON.stringify(jsonSchemas()['kiro-hook']);
    for (const e of ['fileEdited', 'fileCreated', 'fileDeleted', 'userTriggered', 'promptSubmit', 'agentStop', 'preToolUse', 'postToolUse', 'preTaskExecution', 'postTaskExecution', 'askAgent', 'runCommand']) {
      expect(text).toContain(`"${e}"`);
    }
  });
});
