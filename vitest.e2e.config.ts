import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
    },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    name: 'browser',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // Every skip listed with its reason, or the run fails (tests/setup/skip-policy.ts).
    reporters: ['default', './tests/setup/skip-policy.ts'],
    globalSetup: ['tests/e2e/build.ts', 'tests/e2e/global-setup.ts'],
    // Two files at a time: browser tests mostly wait (for a server, an email, a job), and one at a
    // time left a core idle most of the run. Files that share sites and accounts never meet: each
    // worker has a set of sites of its own (tests/e2e/targets.ts); the other files start their own.
    // Not `fileParallelism: false` per project: Vitest then puts every such file in one queue of
    // one worker, whatever the projects.
    maxWorkers: 2,
  },
});
