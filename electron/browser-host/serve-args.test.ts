import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-args';

const root = '/opt/keel';
const cwd = '/home/me';

describe('parseServeArgs', () => {
  it('defaults to the bundled example, a free port and the built renderer', () => {
    expect(parseServeArgs([], root, cwd)).toEqual({
      folder: path.join(root, 'examples'),
      port: undefined,
      userDataDir: undefined,
      rendererDir: path.join(root, 'dist', 'renderer'),
    });
  });

  it('resolves a relative folder and directories against the working directory', () => {
    expect(parseServeArgs(['proj', '--port', '4000', '--user-data-dir', 'ud', '--renderer-dir', '/r'], root, cwd)).toEqual({
      folder: '/home/me/proj',
      port: 4000,
      userDataDir: '/home/me/ud',
      rendererDir: '/r',
    });
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['a', 'b'], /at most one folder/],
    [['--bogus'], /bogus/],
  ])('rejects %j with a readable message', (argv, message) => {
    expect(() => parseServeArgs(argv, root, cwd)).toThrow(message);
  });
});
