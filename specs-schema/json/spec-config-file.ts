/** A spec's `.config.kiro`: which workflow (requirements-first / design-first) and type (feature / bugfix). */
import { KIRO_WORKFLOW_TYPES, SpecConfigSchema, type SpecType, type SpecWorkflow } from '../schemas/spec-config-schema';
import { diag, type Diagnostic } from '../diagnostics';
import type { EditResult } from '../text/edits';
import { asRecord, parseJsonDoc, setJsonValue, type JsonDoc } from './json-doc';
import { issuesToDiagnostics } from './json-validate';

export interface SpecConfigDoc {
  kind: 'config';
  json: JsonDoc;
  specId?: string;
  /** The order of the documents, from `workflowType` (or the older `generationMode`) when Keel knows the value. */
  workflow?: SpecWorkflow;
  /** `workflowType` / `generationMode` exactly as written (`fast-task`, `spec`, or a value Keel does not know). */
  workflowType?: string;
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
  const workflowType = c.workflowType ?? c.generationMode;
  if (workflowType !== undefined) {
    doc.workflowType = workflowType;
    if (workflowType === 'design-first') doc.workflow = 'design-first';
    else if ((KIRO_WORKFLOW_TYPES as readonly string[]).includes(workflowType)) doc.workflow = 'requirements-first';
    else {
      const key = c.workflowType !== undefined ? 'workflowType' : 'generationMode';
      const at = json.text.indexOf(`"${key}"`);
      const pos = at < 0 ? { line: 0, column: 0 } : positionOf(json.text, at);
      diagnostics.push(diag('warning', 'config/unknown-workflow', `Unknown ${key} "${workflowType}" (Kiro writes ${KIRO_WORKFLOW_TYPES.join(', ')}); it is kept as written and the spec opens requirements first.`, pos.line, pos.column));
    }
  }
  if (c.specType) doc.specType = c.specType;
  return doc;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

export function setSpecWorkflow(doc: SpecConfigDoc, workflow: SpecWorkflow): EditResult {
  const raw = asRecord(doc.json.value);
  const key = raw && 'generationMode' in raw && !('workflowType' in raw) ? 'generationMode' : 'workflowType';
  return setJsonValue(doc.json, [key], workflow);
}

export function serializeSpecConfig(doc: SpecConfigDoc): string {
  return doc.json.text;
}
