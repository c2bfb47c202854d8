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
    // One file at a time. Each worker gets a set of the shared sites of its own (tests/e2e/targets.ts),
    // so two workers are possible and took a fresh-clone CI run from 24 to 17 minutes; but with two
    // browsers and their sites on two cores, one run in two lost a race in the translation editor
    // and in the recovery flow. Two again once those are found.
    maxWorkers: 1,
  },
});
