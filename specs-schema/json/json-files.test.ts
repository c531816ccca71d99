import { describe, expect, it } from 'vitest';
import { createHookText, editHook, parseHook } from './hook-file';
import { parseMcp, removeMcpServer, setMcpServer, setMcpServerDisabled } from './mcp-file';
import { parseSpecConfig, serializeSpecConfig, setSpecWorkflow } from './spec-config-file';

const hook = `{
  "enabled": true,
  "name": "Lint on save",
  "version": "1",
  "when": { "type": "fileEdited", "patterns": ["src/**/*.ts"] },
  "then": { "type": "askAgent", "prompt": "Run the linter" },
  "shortName": "lint"
}`;

describe('hooks', () => {
  it('reads a hook, keeps unknown keys and validates it', () => {
    const doc = parseHook(hook);
    expect(doc.event).toBe('fileEdited');
    expect(doc.hook?.shortName).toBe('lint');
    expect(doc.diagnostics).toEqual([]);
  });

  it('reports a missing pattern and a bad action at the right place', () => {
    const doc = parseHook('{\n  "name": "x",\n  "when": { "type": "fileCreated" },\n  "then": { "type": "shout" }\n}\n');
    expect(doc.hook).toBeUndefined();
    expect(doc.diagnostics.map((d) => [d.code, d.line])).toEqual(expect.arrayContaining([['hook/invalid', 2], ['hook/invalid', 3]]));
  });

  it('accepts legacy event names with a warning and a fix', () => {
    const doc = parseHook('{"name":"m","when":{"type":"fileSave","patterns":["*"]},"then":{"type":"askAgent","prompt":"p"}}');
    expect(doc.hook?.when.type).toBe('fileEdited');
    const d = doc.diagnostics.find((x) => x.code === 'hook/legacy-event');
    expect(d?.severity).toBe('warning');
    expect(d?.fix?.text).toBe('"fileEdited"');
    // Kiro still runs `manual` hooks: mapped without a warning.
    const manual = parseHook('{"name":"m","when":{"type":"manual"},"then":{"type":"askAgent","prompt":"p"}}');
    expect([manual.hook?.when.type, manual.diagnostics]).toEqual(['userTriggered', []]);
  });

  it('never throws on merge-conflict markers or garbage', () => {
    const doc = parseHook('{\n<<<<<<< HEAD\n "name": "a"\n=======\n "name": "b"\n>>>>>>> abc\n}\n');
    expect(doc.diagnostics[0]?.code).toBe('json/merge-conflict');
    expect(parseHook('not json').diagnostics.length).toBeGreaterThan(0);
    expect(parseHook('').diagnostics[0]?.code).toBe('json/empty');
  });

  it('edits one field in place and refuses edits that break the hook', () => {
    const doc = parseHook(hook);
    const ok = editHook(doc, ['when', 'patterns'], ['lib/**']);
    expect(ok.text).toBe(hook.replace('["src/**/*.ts"]', '["lib/**"]'));
    const bad = editHook(doc, ['then', 'prompt'], '');
    expect(bad.text).toBe(hook);
    expect(bad.diagnostics[0]?.code).toBe('hook/invalid');
  });

  it('edits legacy trigger/action files under their own keys', () => {
    const legacy = '{"name": "L", "trigger": {"type": "fileSave", "patterns": ["a"]}, "action": {"type": "sendMessage", "message": "m"}}';
    const r = editHook(parseHook(legacy), ['when', 'patterns'], ['b']);
    expect(r.text).toBe(legacy.replace('["a"]', '["b"]'));
  });

  it('creates a new hook file, or explains why it cannot', () => {
    const r = createHookText({ name: 'Tests', when: { type: 'preToolUse', toolTypes: ['write'] }, then: { type: 'runCommand', command: 'npm test', timeout: 60 } });
    expect(parseHook(r.text).diagnostics).toEqual([]);
    const bad = createHookText({ name: 'T', when: { type: 'preToolUse' }, then: { type: 'runCommand', command: 'x' } });
    expect(bad.diagnostics[0]?.message).toContain('tool type');
  });
});

describe('mcp.json', () => {
  const src = '{\n    "mcpServers": {\n        "docs": {\n            "command": "node",\n            "args": ["server.js"],\n            "custom": 1\n        }\n    }\n}\n';

  it('lists servers and keeps unknown keys', () => {
    const doc = parseMcp(src);
    expect(doc.servers.map((s) => [s.name, s.transport, s.value.custom])).toEqual([['docs', 'local', 1]]);
  });

  it('adds a server with the file’s 4-space indentation, disables and removes one', () => {
    const doc = parseMcp(src);
    const added = setMcpServer(doc, 'remote', { url: 'https://example.com/mcp' });
    expect(added.text).toContain('        "remote": {\n            "url": "https://example.com/mcp"\n        }');
    expect(parseMcp(added.text).servers.map((s) => s.name)).toEqual(['docs', 'remote']);
    expect(setMcpServerDisabled(doc, 'docs', true).text).toContain('"disabled": true');
    expect(parseMcp(removeMcpServer(doc, 'docs').text).servers).toEqual([]);
  });

  it('refuses an invalid server', () => {
    const r = setMcpServer(parseMcp(src), 'x', { url: 'not a url' } as never);
    expect(r.text).toBe(src);
    expect(r.diagnostics[0]?.severity).toBe('error');
  });
});

describe('.config.kiro', () => {
  it('reads workflowType / generationMode and specType, and edits in place', () => {
    const doc = parseSpecConfig('{"specId": "1", "workflowType": "design-first", "specType": "bugfix"}');
    expect([doc.workflow, doc.specType]).toEqual(['design-first', 'bugfix']);
    const old = parseSpecConfig('{"generationMode": "requirements-first"}');
    expect(old.workflow).toBe('requirements-first');
    expect(parseSpecConfig(setSpecWorkflow(old, 'design-first').text).workflow).toBe('design-first');
  });
});

describe('.config.kiro workflowType values of Kiro 1.0', () => {
  it.each([
    ['requirements-first', 'requirements-first'],
    ['design-first', 'design-first'],
    ['fast-task', 'requirements-first'],
    ['spec', 'requirements-first'],
  ])('%s is read without a diagnostic (documents open %s)', (value, workflow) => {
    const text = `{"specId": "2e2a9441", "workflowType": "${value}", "specType": "feature"}`;
    const doc = parseSpecConfig(text);
    expect([doc.workflowType, doc.workflow, doc.diagnostics]).toEqual([value, workflow, []]);
    expect(serializeSpecConfig(doc)).toBe(text);
  });

  it('keeps an unknown value as written and warns once, on its key', () => {
    const text = '{\n  "specType": "feature",\n  "workflowType": "vibe-first"\n}';
    const doc = parseSpecConfig(text);
    expect(doc.workflowType).toBe('vibe-first');
    expect(doc.workflow).toBeUndefined();
    expect(doc.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['config/unknown-workflow', 'warning', 2, 2]]);
    expect(serializeSpecConfig(doc)).toBe(text);
  });
});
