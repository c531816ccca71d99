/**
 * JSON Schema versions of the zod schemas, for editors (VS Code `json.schemas`) and other tools. The committed
 * files in `specs-schema/json-schema/` are generated from these; a test fails when they are out of date
 * (regenerate with `KEEL_UPDATE_SNAPSHOTS=1 npx vitest run specs-schema/schemas`).
 */
import { z } from 'zod';
import { HookSchema } from './hook-schema';
import { HookV1DocumentSchema } from './hook-v1-schema';
import { McpConfigSchema } from './mcp-schema';
import { SpecConfigSchema } from './spec-config-schema';
import { SteeringFrontMatterSchema } from './steering-schema';

const SOURCES = {
  'kiro-hook': { schema: HookSchema, title: 'Kiro hook (.kiro/hooks/*.kiro.hook)' },
  'kiro-hooks-v1': { schema: HookV1DocumentSchema, title: 'Kiro 1.0 hooks (.kiro/hooks/*.json, ~/.kiro/hooks/*.json)' },
  'mcp-config': { schema: McpConfigSchema, title: 'MCP servers (.kiro/settings/mcp.json)' },
  'steering-front-matter': { schema: SteeringFrontMatterSchema, title: 'Steering file front matter (.kiro/steering/*.md)' },
  'spec-config': { schema: SpecConfigSchema, title: 'Spec configuration (.kiro/specs/<name>/.config.kiro)' },
} as const;

export type JsonSchemaName = keyof typeof SOURCES;

/** File name (without `.schema.json`) → JSON Schema object. */
export function jsonSchemas(): Record<JsonSchemaName, Record<string, unknown>> {
  const out = {} as Record<JsonSchemaName, Record<string, unknown>>;
  for (const [name, { schema, title }] of Object.entries(SOURCES) as [JsonSchemaName, (typeof SOURCES)[JsonSchemaName]][]) {
    out[name] = { title, ...z.toJSONSchema(schema, { io: 'input' }) };
  }
  return out;
}
