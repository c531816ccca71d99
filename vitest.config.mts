import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{base,protocol,specs-schema,agent,electron,renderer,cli,scripts,build,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
