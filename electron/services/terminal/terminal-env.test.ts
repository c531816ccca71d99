import { describe, expect, it } from 'vitest';
import { terminalEnv } from './terminal-env';

describe('terminalEnv', () => {
  it('drops what npm added to launch Keel and sets the terminal type', () => {
    const env = terminalEnv({
      HOME: '/home/me',
      PATH: '/opt/keel/node_modules/.bin:/opt/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin',
      npm_lifecycle_event: 'start',
      npm_config_cache: '/home/me/.npm',
      INIT_CWD: '/opt/keel',
      NODE_OPTIONS: '--import tsx',
      LANG: 'en_US.UTF-8',
      TERM: 'dumb',
    });
    expect(env).toEqual({
      HOME: '/home/me',
      PATH: '/usr/local/bin:/usr/bin',
      LANG: 'en_US.UTF-8',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      TERM_PROGRAM: 'keel',
    });
  });
});
