import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startFakeResend } from '../helpers/fake-resend';
import { SCRIPT_ARGS } from '../helpers/scripts';
import { E2E_AUTH_SECRET, E2E_PASSWORD, e2eAccounts, type E2eTarget } from './fixtures';
import { root, startSite } from './site';
import { seedVolume } from './volume';

const run = promisify(execFile);

/** Creates the fixture accounts with the CLI, in one run: the same path an operator uses. */
async function createAccounts(env: NodeJS.ProcessEnv) {
  const accounts = Object.values(e2eAccounts).map(({ 'temporary-password': temporary, ...account }: Record<string, unknown>) => ({
    ...account,
    // A pending account chooses its password at activation, from the welcome email.
    ...(account.state === 'pending' ? {} : { password: E2E_PASSWORD }),
    temporaryPassword: temporary === true,
  }));
  const folder = mkdtempSync(path.join(tmpdir(), 'sesame-fixtures-'));
  const file = path.join(folder, 'accounts.json');
  writeFileSync(file, JSON.stringify(accounts));
  try {
    await run(process.execPath, [...SCRIPT_ARGS, 'scripts/sesame.ts', 'import-users', file], { cwd: root, env });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await run(process.execPath, [...SCRIPT_ARGS, 'tests/e2e/seed-many-accounts.ts'], { cwd: root, env });
}

export default async function setup(project: TestProject) {
  // Quick polls and retries, so a delayed email arrives within a test's patience.
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: E2E_AUTH_SECRET,
    TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
    SEED_DEMO: 'false',
    JOB_POLL_SECONDS: '1',
    EMAIL_RETRY_BASE_SECONDS: '1',
    // Every browser test comes from 127.0.0.1: its per-address allowances must outlast the suite.
    IP_FAILURE_LIMIT: '10000',
    RECOVERY_IP_LIMIT: '10000',
    API_FAILURE_LIMIT: '10000',
  };
  delete baseEnv.DATABASE_URL;
  const cleanups: Array<() => Promise<void> | void> = [];

  // The sites are prepared side by side: none reads what another writes.
  const embeddedSite = async (): Promise<E2eTarget> => {
    // The embedded database, exactly as `npm start` runs it.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-'));
    await createAccounts({ ...baseEnv, DATA_DIR: dataDir });
    await seedVolume({ dataDir });
    const embedded = await startSite('pglite', { ...baseEnv, DATA_DIR: dataDir });
    cleanups.push(async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    return { name: 'pglite', baseURL: embedded.baseURL };
  };

  // PostgreSQL as production runs it, in a throwaway database.
  const postgresSite = async (serverUrl: string): Promise<E2eTarget> => {
    const name = `sesame_e2e_${randomUUID().replaceAll('-', '')}`;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    // Production sends through Resend: here the real SDK talks to a fake API that refuses the
    // first two emails to the account the email test locks, as an outage would.
    const resend = await startFakeResend();
    resend.failNextTo(e2eAccounts.lockedByEmail.email, 'error500', 'error500');
    cleanups.push(async () => {
      await resend.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const env = {
      ...baseEnv,
      DATABASE_URL: url.toString(),
      RESEND_API_KEY: 're_e2e_key',
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: 'Sésame <no-reply@example.com>',
    };
    await createAccounts(env);
    await seedVolume({ databaseUrl: url.toString() });
    const site = await startSite('postgres', env);
    cleanups.unshift(() => site.stop());
    return { name: 'postgres', baseURL: site.baseURL, databaseUrl: url.toString(), resendUrl: resend.url };
  };

  // One set of sites per worker (targets.ts): files that change accounts run side by side, each
  // on its own set, instead of one after another.
  const serverUrl = process.env.DATABASE_URL;
  const workers = project.vitest.config.maxWorkers;
  const targetSets = await Promise.all(
    Array.from({ length: workers }, () => Promise.all([embeddedSite(), ...(serverUrl ? [postgresSite(serverUrl)] : [])])),
  );
  project.provide('targetSets', targetSets);
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
