/** A spec's `.config.kiro`: which workflow (requirements-first / design-first) and type (feature / bugfix). */
import { SpecConfigSchema, type SpecType, type SpecWorkflow } from '../schemas/spec-config-schema';
import type { Diagnostic } from '../diagnostics';
import type { EditResult } from '../text/edits';
import { asRecord, parseJsonDoc, setJsonValue, type JsonDoc } from './json-doc';
import { issuesToDiagnostics } from './json-validate';

export interface SpecConfigDoc {
  kind: 'config';
  json: JsonDoc;
  specId?: string;
  /** `workflowType`, or the older `generationMode`. */
  workflow?: SpecWorkflow;
  specType?: SpecType;
  diagnostics: Diagnostic[];
}

export function parseSpecConfig(text: string): SpecConfigDoc {
  const json = parseJsonDoc(text);
  const diagnostics = [...json.diagnostics];
  const doc: SpecConfigDoc = { kind: 'config', json, diagnostics };
  const raw = asRecord(json.value);
  if (!raw) return doc;
  const result = SpecConfigSchema.safeParse(raw);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(json, result.error.issues, 'config/invalid', 'warning'));
    return doc;
  }
  const c = result.data;
  if (c.specId) doc.specId = c.specId;
  const workflow = c.workflowType ?? c.generationMode;
  if (workflow) doc.workflow = workflow;
  if (c.specType) doc.specType = c.specType;
  return doc;
}

export function setSpecWorkflow(doc: SpecConfigDoc, workflow: SpecWorkflow): EditResult {
  const raw = asRecord(doc.json.value);
  const key = raw && 'generationMode' in raw && !('workflowType' in raw) ? 'generationMode' : 'workflowType';
  return setJsonValue(doc.json, [key], workflow);
}

export function serializeSpecConfig(doc: SpecConfigDoc): string {
  return doc.json.text;
}
