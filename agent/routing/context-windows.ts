/**
 * Context windows (input tokens) by model family, for compaction: the history is summarised before a request would
 * no longer fit. Matched on the model id without its inference-profile prefix (`us.`, `eu.`, `global.`…).
 */
const WINDOWS: [RegExp, number][] = [
  [/^anthropic\.claude/, 200_000],
  [/^amazon\.nova-premier/, 1_000_000],
  [/^amazon\.nova-micro/, 128_000],
  [/^amazon\.nova-/, 300_000],
  [/^meta\.llama3/, 128_000],
  [/^mistral\./, 128_000],
];

/** Unknown models (an Ollama model, a new family): a conservative guess rather than none. */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

export function contextWindowFor(modelId: string): number {
  const id = modelId.replace(/^(us|eu|apac|ap|jp|au|ca|us-gov|global)\./, '');
  return WINDOWS.find(([re]) => re.test(id))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}
