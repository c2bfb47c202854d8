import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { runScript } from '../helpers/scripts';
import { startSite, type RunningSite } from './site';

export interface OwnSite {
  site: RunningSite;
  /** The site's database, as the test reaches it (never through a cut). */
  sql: postgres.Sql;
  databaseName: string;
  databaseUrl: string;
  resend: FakeResend;
  close: () => Promise<void>;
}

/**
 * One site on a PostgreSQL database of its own, sending email through a fake Resend, with
 * `accounts` imported. `siteDatabaseUrl` lets the site reach the database another way (through
 * a relay the test can cut).
 */
export async function startOwnSite(options: {
  name: string;
  accounts: Array<Record<string, unknown>>;
  /** Settings on top of the site's own (not a whole environment). */
  env?: Record<string, string>;
  siteDatabaseUrl?: (url: URL) => string;
  /** For an APP_URL chosen beforehand (in `env`). */
  port?: number;
}): Promise<OwnSite> {
  const serverUrl = process.env.DATABASE_URL!;
  const databaseName = `sesame_${options.name}_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  const resend = await startFakeResend();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    AUTH_SECRET: `${options.name}-secret-${options.name}-secret-${options.name}-secret`,
    TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
    SEED_DEMO: 'false',
    JOB_POLL_SECONDS: '1',
    EMAIL_RETRY_BASE_SECONDS: '1',
    RESEND_API_KEY: `re_${options.name}_key`,
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: 'Sésame <no-reply@example.com>',
    ...options.env,
  };
  const folder = mkdtempSync(path.join(tmpdir(), `sesame-${options.name}-`));
  writeFileSync(path.join(folder, 'accounts.json'), JSON.stringify(options.accounts));
  const imported = runScript('sesame', ['import-users', path.join(folder, 'accounts.json')], env);
  rmSync(folder, { recursive: true, force: true });
  if (imported.code !== 0) throw new Error(imported.stderr);
  const site = await startSite(options.name, { ...env, DATABASE_URL: options.siteDatabaseUrl?.(new URL(url)) ?? url.toString() }, options.port);
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    site,
    sql,
    databaseName,
    databaseUrl: url.toString(),
    resend,
    async close() {
      await sql.end();
      await site.stop();
      await resend.close();
      await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    },
  };
}
