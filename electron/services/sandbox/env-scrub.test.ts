import { describe, expect, it } from 'vitest';
import { scrubEnv, scrubReason } from './env-scrub';

describe('scrubEnv', () => {
  it('removes cloud and API credentials, whatever their case', () => {
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'aws_profile', 'GITHUB_TOKEN', 'NPM_TOKEN', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'STRIPE_SECRET', 'DB_PASSWORD', 'GOOGLE_APPLICATION_CREDENTIALS', 'AZURE_CLIENT_SECRET', 'SSH_AUTH_SOCK', 'HTTPS_PROXY', 'MY_KEY', 'CLIENT_SECRET_ID']) {
      expect(scrubReason(name), name).toBe('credential');
    }
  });

  it('removes variables that make a program run another one', () => {
    for (const name of ['GIT_PAGER', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_SSH_COMMAND', 'GIT_EXTERNAL_DIFF', 'PAGER', 'MANPAGER', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'BASH_ENV', 'ENV', 'BASH_FUNC_ls%%', 'PROMPT_COMMAND', 'NODE_OPTIONS', 'PYTHONSTARTUP', 'PERL5OPT', 'EDITOR', 'LESSOPEN']) {
      expect(scrubReason(name), name).toBe('hijack');
    }
  });

  it("keeps the ordinary environment and Keel's own hook variables", () => {
    const env = { PATH: '/usr/bin', HOME: '/home/u', LANG: 'C.UTF-8', TERM: 'xterm', CI: '1', KEEL_HOOK_EVENT: 'fileEdited', KEEL_TOOL_INPUT: '{"token":1}', USER_PROMPT: 'hi', NODE_ENV: 'test', KEYBOARD: 'us' };
    expect(scrubEnv({ ...env, AWS_SECRET_ACCESS_KEY: 's', GIT_PAGER: 'sh', undefinedOne: undefined })).toEqual(env);
  });
});
