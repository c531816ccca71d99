import path from 'node:path';

/**
 * The environment a user's shell starts with: Keel's own, minus what only made sense for launching Keel. When
 * Keel is started by `npm start`, npm adds `npm_*` variables and puts node_modules/.bin folders first on PATH —
 * a user typing `tsc` in their project must get their project's, not Keel's.
 */
export function terminalEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  if (env.PATH) {
    env.PATH = env.PATH.split(path.delimiter)
      .filter((dir) => !dir.endsWith(`${path.sep}node_modules${path.sep}.bin`) && !dir.endsWith(`${path.sep}node-gyp-bin`))
      .join(path.delimiter);
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'keel';
  return env;
}
