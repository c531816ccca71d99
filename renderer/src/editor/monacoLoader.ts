type MonacoModule = typeof import('./monacoModule');

let promise: Promise<MonacoModule> | null = null;

/** Loads Monaco's chunk once; the first call starts the download. */
export function loadMonaco(): Promise<MonacoModule> {
  promise ??= import('./monacoModule');
  return promise;
}
