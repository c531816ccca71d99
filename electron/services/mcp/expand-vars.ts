/**
 * `${env:NAME}` and `${NAME}` (as Kiro and VS Code write them) and `${workspaceFolder}` in mcp.json values.
 * A variable that is not set becomes empty and is reported, so the server's status can say why it failed.
 */
export interface Expansion {
  value: string;
  missing: string[];
}

const VARIABLE = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function expandVars(text: string, env: NodeJS.ProcessEnv, workspaceFolder: string): Expansion {
  const missing: string[] = [];
  const value = text.replace(VARIABLE, (whole, name: string) => {
    if (name === 'workspaceFolder' && !whole.includes('env:')) return workspaceFolder;
    const v = env[name];
    if (v === undefined) {
      missing.push(name);
      return '';
    }
    return v;
  });
  return { value, missing };
}

/** Expands every string inside a JSON value (strings in arrays and object values; keys are left alone). */
export function expandDeep(value: unknown, env: NodeJS.ProcessEnv, workspaceFolder: string, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    const e = expandVars(value, env, workspaceFolder);
    for (const m of e.missing) missing.add(m);
    return e.value;
  }
  if (Array.isArray(value)) return value.map((v) => expandDeep(v, env, workspaceFolder, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeep(v, env, workspaceFolder, missing)]));
  }
  return value;
}
