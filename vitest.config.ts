import path from 'node:path';
import { defineConfig } from 'vitest/config';

const resolve = {
  alias: {
    '@': path.resolve(import.meta.dirname),
    // `server-only` throws outside React Server Components; lib/ is tested as plain Node code.
    'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
  },
};
// next-intl imports `next/navigation` without its extension, which Node's ESM resolver refuses
// outside Next; run through Vite, server actions can be called as plain functions in tests.
// PGlite is a large WebAssembly module that each test file's process compiles anew; optimising
// it (V8's TurboFan tier) costs more CPU than a file's few queries ever win back.
const shared = {
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  server: { deps: { inline: ['next-intl'] } },
  execArgv: ['--liftoff-only'],
};
const postgresUrl = process.env.DATABASE_URL;

export default defineConfig({
  resolve,
  test: {
    // Every skip listed with its reason, or the run fails (tests/setup/skip-policy.ts).
    reporters: ['default', './tests/setup/skip-policy.ts'],
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine, which left
    // a core idle while a file waited on PGlite's start, PostgreSQL or a child process.
    maxWorkers: 2,
    projects: [
      {
        resolve,
        test: {
          ...shared,
          name: 'pglite',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          globalSetup: ['tests/setup/pglite-template.ts'],
          setupFiles: ['tests/setup/pglite.ts'],
        },
      },
      // The same database tests again on a real PostgreSQL server, when one is configured.
      ...(postgresUrl
        ? [
            {
              resolve,
              test: {
                ...shared,
                name: 'postgres',
                include: ['tests/**/*.db.test.ts'],
                exclude: ['tests/e2e/**'],
                globalSetup: ['tests/setup/postgres-template.ts'],
                setupFiles: ['tests/setup/postgres.ts'],
                env: { SESAME_TEST_SERVER_URL: postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});
