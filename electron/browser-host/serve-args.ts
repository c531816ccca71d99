import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServeArgs {
  folder: string;
  port: number | undefined;
  userDataDir: string | undefined;
  rendererDir: string;
}

export const SERVE_USAGE =
  'Usage: serve [folder] [--port N] [--user-data-dir DIR] [--renderer-dir DIR]\n' +
  '  folder          the folder to open (default: <keel>/examples)\n' +
  '  --port N        listen on 127.0.0.1:N (default: a free port)\n' +
  '  --user-data-dir where recent folders are kept (default: $XDG_CONFIG_HOME/keel or ~/.config/keel)\n' +
  '  --renderer-dir  the built renderer (default: <keel>/dist/renderer)';

/** Parses the browser host's command line; throws an Error with a readable message on bad input. */
export function parseServeArgs(argv: string[], repoRoot: string, cwd = process.cwd()): ServeArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      'user-data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new Error(`Expected at most one folder, got ${positionals.length}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  }
  const folder = positionals[0];
  return {
    folder: folder ? path.resolve(cwd, folder) : path.join(repoRoot, 'examples'),
    port,
    userDataDir: values['user-data-dir'] ? path.resolve(cwd, values['user-data-dir']) : undefined,
    rendererDir: values['renderer-dir'] ? path.resolve(cwd, values['renderer-dir']) : path.join(repoRoot, 'dist', 'renderer'),
  };
}
