import { findRipgrep } from '../../../agent/node/ripgrep';

let cached: Promise<string> | undefined;

/**
 * The ripgrep binary: the one @vscode/ripgrep ships (same version everywhere), else `rg` on PATH. Inside a packaged
 * app the binary must live outside the asar archive to be executable.
 */
export function ripgrepBinary(): Promise<string> {
  cached ??= import('@vscode/ripgrep')
    .then((m) => m.rgPath.replace(/\bapp\.asar\b(?!\.unpacked)/, 'app.asar.unpacked'))
    .catch(() => {
      const onPath = findRipgrep();
      if (!onPath) throw new Error('ripgrep is not available: install @vscode/ripgrep or put rg on PATH');
      return onPath;
    });
  return cached;
}
