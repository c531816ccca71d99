/**
 * How context reaches the model: each piece in a tagged block whose attributes say what it is and where it came
 * from. Rendering is a pure function of its inputs, so the same files give the same bytes (the cached prefix).
 */
import type { SelectedSteering } from './steering-select';
import type { IncludedFile } from './includes';
import type { SteeringEntry } from './steering-load';
import { effectiveInclusion } from './steering-select';

export function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function tagged(tag: string, attrs: Record<string, string | number | undefined>, body: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
  return `<${tag}${a}>\n${body.replace(/\s+$/, '')}\n</${tag}>`;
}

/** The steering body without its front matter (the model needs the guidance, not the inclusion settings). */
export function steeringBody(entry: SteeringEntry): string {
  const start = entry.doc.lines[entry.doc.bodyStart]?.offset ?? entry.text.length;
  return entry.text.slice(start).replace(/\r\n?/g, '\n').replace(/^\s*\n/, '');
}

export function renderSteering(selected: SelectedSteering, includes: readonly IncludedFile[]): string {
  const { entry } = selected;
  const parts = [steeringBody(entry), ...includes.map((f) => tagged('included-file', { path: f.path, from: f.from }, f.text))];
  return tagged('steering', { name: entry.name, path: entry.path, inclusion: effectiveInclusion(entry) }, parts.join('\n\n'));
}
