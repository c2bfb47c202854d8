import path from 'node:path';
import { defineConfig } from 'vitest/config';

const resolve = {
  alias: {
    '@': path.resolve(import.meta.dirname),
    'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
  },
};
const shared = { testTimeout: 60_000, hookTimeout: 120_000 };
// Files that start sites of their own (their own database, settings, mail API or provider):
// they share nothing with the other files, so they run beside them.
const ownSites = [
  'canary',
  'company-sign-in',
  'faults',
  'override-reach',
  'passkeys',
  'production',
  'scale-out',
].map((name) => `tests/e2e/${name}.e2e.test.ts`);

export default defineConfig({
  resolve,
  test: {
    // Every skip listed with its reason, or the run fails (tests/setup/skip-policy.ts).
    reporters: ['default', './tests/setup/skip-policy.ts'],
    // Two files at a time, one from each project: browser tests mostly wait (for a server, an
    // email, a job), and one file at a time left a core idle most of the run.
    maxWorkers: 2,
    projects: [
      {
        resolve,
        test: {
          ...shared,
          name: 'browser',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          exclude: ownSites,
          globalSetup: ['tests/e2e/build.ts', 'tests/e2e/global-setup.ts'],
          // The files of this project share two sites and their accounts: one at a time.
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          ...shared,
          name: 'browser: own sites',
          include: ownSites,
          globalSetup: ['tests/e2e/build.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
