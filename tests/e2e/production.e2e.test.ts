import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { startDatabaseCut } from '../helpers/database-cut';
import { E2E_PASSWORD } from './fixtures';
import { formFields, postRaw, signInRaw } from './raw-form';
import { SERVER_NODE_FLAGS } from '@/scripts/runtime/server-node-flags.mjs';
import { freePort, root } from './site';

// Issue "run it in production", on the suite's one build: what the image holds (.next/standalone
// as scripts/build.mjs completes it, the Dockerfile's only COPY) in a folder of its own, started
// as the image's CMD starts it, against PostgreSQL through a relay the test can cut. One site for
// every check here, in the order an operator meets them: refusals to start, a sign-in and a reset
// email, logs, metrics, readiness while the database is gone, and a SIGTERM under load.

const serverUrl = process.env.DATABASE_URL;
const SLOW_REQUESTS = 50;
const signInEmail = 'ops.robin@example.com';
const pausedEmail = 'ops.paused@example.com';
const slowEmail = (index: number) => `ops.slow.${index}@example.com`;
const canary = `canary-wrong-${randomBytes(6).toString('hex')}-Lilac`;

interface Run {
  code: number | null;
  output: string;
}

let folder: string;
let resend: FakeResend;
let admin: postgres.Sql;
let sql: postgres.Sql;
const databases: string[] = [];

function databaseUrl(name: string, port?: number): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  if (port) url.port = String(port);
  return url.toString();
}

async function newDatabase(): Promise<string> {
  const name = `sesame_ops_${randomUUID().replaceAll('-', '')}`;
  await admin.unsafe(`create database ${name}`);
  databases.push(name);
  return name;
}

/** The environment of the image (Dockerfile ENV) and of its operator, and nothing of this machine's. */
function imageEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    AUTH_SECRET: 'ops-secret-ops-secret-ops-secret-ops-secret',
    TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
    RESEND_API_KEY: 're_ops_key',
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: 'Sésame <no-reply@example.com>',
    JOB_POLL_SECONDS: '1',
    ...settings,
  };
}

/** `node dist/<program>.mjs` in the image's folder, to its end. */
function runCompiled(program: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const run = spawnSync(process.execPath, [`dist/${program}.mjs`, ...args], { cwd: folder, env, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

function startCompiled(program: string, env: NodeJS.ProcessEnv) {
  const flags = program === 'server' ? SERVER_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, `dist/${program}.mjs`], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, interval = 50): Promise<number> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return Date.now() - started;
}

/** A metric's value in Prometheus's text format (0 when absent). */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `) ? wanted.every((label) => candidate.includes(label)) : false);
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.skipIf(!serverUrl)('the image, run from a folder holding only what the Dockerfile copies', () => {
  let site: { child: ChildProcess; exited: Promise<number | null>; output: () => string };
  let baseURL: string;
  let metricsURL: string;
  let cut: Awaited<ReturnType<typeof startDatabaseCut>>;
  let siteEnv: NodeJS.ProcessEnv;
  const metrics = async () => (await fetch(metricsURL)).text();

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sesame-image-'));
    // Its links stay relative, as Docker's COPY keeps them: nothing may lead back to the build.
    cpSync(path.join(root, '.next/standalone'), folder, { recursive: true, verbatimSymlinks: true });
    resend = await startFakeResend();
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    const name = await newDatabase();
    sql = postgres(databaseUrl(name), { max: 2, onnotice: () => {} });
    const server = new URL(serverUrl!);
    cut = await startDatabaseCut({ host: server.hostname, port: Number(server.port || 5432) });
    const [port, metricsPort] = [await freePort(), await freePort()];
    baseURL = `http://127.0.0.1:${port}`;
    metricsURL = `http://127.0.0.1:${metricsPort}/metrics`;
    siteEnv = imageEnv({
      DATABASE_URL: databaseUrl(name, cut.port),
      APP_URL: baseURL,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOCKOUT_THRESHOLD: '3',
      IP_FAILURE_LIMIT: '10000',
      RECOVERY_IP_LIMIT: '10000',
      SHUTDOWN_GRACE_SECONDS: '20',
    });

    // The operator's first steps, with the image's own command line.
    const accounts = [signInEmail, pausedEmail, ...Array.from({ length: SLOW_REQUESTS }, (_, index) => slowEmail(index))];
    const file = path.join(folder, 'accounts.json');
    writeFileSync(file, JSON.stringify(accounts.map((email) => ({ email, name: 'Ops Tester', locale: 'en', password: E2E_PASSWORD }))));
    const imported = runCompiled('sesame', ['import-users', file], { ...siteEnv, DATABASE_URL: databaseUrl(name) });
    rmSync(file);
    expect(imported.code, imported.output).toBe(0);

    site = startCompiled('server', siteEnv);
    await until(async () => (await fetch(`${baseURL}/readyz`)).status === 200, 60_000, 250).catch((error: unknown) => {
      throw new Error(`${String(error)}:\n${site.output()}`);
    });
  }, 180_000);

  afterAll(async () => {
    if (site && site.child.exitCode === null) site.child.kill('SIGKILL');
    await cut?.close();
    await sql?.end();
    await resend?.close();
    for (const name of databases) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to start without APP_URL, or on a schema behind the build with MIGRATE_ON_START=false, and says why', async () => {
    const noAppUrl = runCompiled('server', [], { ...siteEnv, APP_URL: '', PORT: String(await freePort()), METRICS_PORT: '' });
    expect(noAppUrl.code).toBe(1);
    expect(noAppUrl.output).toContain('APP_URL is required in production');

    const name = await newDatabase();
    const migrated = runCompiled('migrate', [], { ...siteEnv, DATABASE_URL: databaseUrl(name) });
    expect(migrated.code, migrated.output).toBe(0);
    const behind = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
    await behind`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`;
    await behind.end();
    const stale = runCompiled('server', [], { ...siteEnv, DATABASE_URL: databaseUrl(name), MIGRATE_ON_START: 'false', PORT: String(await freePort()), METRICS_PORT: '' });
    expect(stale.code).toBe(1);
    expect(stale.output).toMatch(/The database schema is not current: migration 0\d{3}_\w+ is not applied/);
  });

  it('signs in, sends a reset email, logs JSON lines with the id it answers with, and moves its metrics', async () => {
    const before = await metrics();
    const signedIn = await signInRaw(baseURL, { identifier: signInEmail, password: E2E_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toMatch(/\/en\/account$/);

    const wrong = await signInRaw(baseURL, { identifier: pausedEmail, password: canary });
    expect(wrong.body).toContain(en.Login.errors.invalid);
    const requestId = wrong.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (let attempt = 0; attempt < 3; attempt += 1) await signInRaw(baseURL, { identifier: pausedEmail, password: canary });

    const seen = resend.deliveries.length;
    const asked = await postRaw(baseURL, '/en/forgot-password', await formFields(baseURL, '/en/forgot-password', { identifier: signInEmail }), { origin: baseURL });
    expect(asked.status).toBe(303);
    const subject = en.Emails.passwordReset.subject.replace('{siteName}', 'Sésame');
    await expect.poll(() => resend.deliveries.slice(seen).find((delivery) => delivery.subject === subject)?.to, { timeout: 20_000 }).toBe(signInEmail);
    const reset = resend.deliveries.slice(seen).find((delivery) => delivery.subject === subject)!;
    expect(reset.text).toContain(`${baseURL}/en/reset-password?token=`);

    // The email is counted once the provider's answer is recorded, a moment after it arrives.
    await expect.poll(async () => metric(await metrics(), 'sesame_emails_sent_total', { template: 'passwordReset' }), { timeout: 5_000 }).toBeGreaterThan(
      metric(before, 'sesame_emails_sent_total', { template: 'passwordReset' }),
    );
    const after = await metrics();
    const moved = (name: string, labels: Record<string, string>) => metric(after, name, labels) - metric(before, name, labels);
    expect(moved('sesame_sign_ins_total', { outcome: 'success' })).toBe(1);
    expect(moved('sesame_sign_ins_total', { outcome: 'wrong_password' })).toBe(3);
    expect(moved('sesame_sign_ins_total', { outcome: 'paused' })).toBe(1);
    expect(moved('sesame_lockouts_total', { kind: 'account' })).toBe(1);
    expect(moved('sesame_recovery_requests_total', { kind: 'password_reset' })).toBe(1);
    expect(moved('sesame_emails_sent_total', { template: 'passwordReset' })).toBe(1);
    expect(moved('sesame_http_requests_total', { route: '/[locale]/login', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(4);
    expect(after).toMatch(/^sesame_outbox_pending \d+$/m);
    expect(after).toMatch(/^sesame_db_pool_connections\{state="size"\} 10$/m);

    const lines = site.output().split('\n').filter(Boolean);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
    expect(parsed.every((line) => typeof line.level === 'string' && typeof line.time === 'string' && typeof line.msg === 'string')).toBe(true);
    expect(parsed).toContainEqual(expect.objectContaining({ reqId: requestId, route: '/[locale]/login', method: 'POST', status: 200, durationMs: expect.any(Number) }));
    const token = /token=([A-Za-z0-9_-]+)/.exec(reset.text)![1]!;
    for (const secret of [canary, encodeURIComponent(canary), token, E2E_PASSWORD]) expect(site.output()).not.toContain(secret);
  });

  it('is not ready within 2 s of losing PostgreSQL, stays alive, and is ready again when it returns', async () => {
    await cut.cut();
    const notReady = await until(async () => (await fetch(`${baseURL}/readyz`)).status === 503, 5_000);
    expect(notReady).toBeLessThan(2_000);
    const answer = await fetch(`${baseURL}/readyz`);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toMatchObject({ status: 'not ready', checks: { database: 'unreachable' } });
    expect((await fetch(`${baseURL}/healthz`)).status).toBe(200);
    await cut.restore();
    await until(async () => (await fetch(`${baseURL}/readyz`)).status === 200, 10_000);
  });

  it(`finishes ${SLOW_REQUESTS} slow requests in flight at SIGTERM, exits 0, and loses none of their emails`, async () => {
    const form = await formFields(baseURL, '/en/forgot-password', { identifier: '' });
    // Each request waits on this lock to write its row: all of them are in flight at once.
    const held = await sql.reserve();
    await held`begin`;
    await held`lock table jobs in exclusive mode`;
    const answers = Array.from({ length: SLOW_REQUESTS }, (_, index) => {
      const data = new FormData();
      for (const [key, value] of form) data.append(key, value);
      data.set('identifier', slowEmail(index));
      return postRaw(baseURL, '/en/forgot-password', data, { origin: baseURL });
    });
    // Settled before that, they failed: the assertion below says how.
    await Promise.race([until(async () => metric(await metrics(), 'sesame_http_requests_in_flight') >= SLOW_REQUESTS, 30_000), Promise.all(answers)]);
    site.child.kill('SIGTERM');
    await until(async () => site.output().includes('letting requests in flight finish'), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await held`commit`;
    held.release();

    const answered = await Promise.all(answers);
    const alerts = answered.filter((answer) => answer.status !== 303).map((answer) => /role="alert"[^>]*>([^<]+)/.exec(answer.body)?.[1] ?? answer.body.slice(0, 200));
    expect(answered.map((answer) => answer.status), alerts.join('\n')).toEqual(Array(SLOW_REQUESTS).fill(303));
    expect(await site.exited).toBe(0);
    expect(site.output()).toContain('"msg":"stopped"');

    // What the stopped site had not yet sent goes out from the worker; nothing twice.
    const worker = startCompiled('worker', { ...siteEnv, DATABASE_URL: databaseUrl(databases[0]!), METRICS_PORT: '' });
    const addresses = new Set(Array.from({ length: SLOW_REQUESTS }, (_, index) => slowEmail(index)));
    const delivered = () => resend.deliveries.filter((delivery) => addresses.has(String(delivery.to)));
    await expect.poll(() => delivered().length, { timeout: 60_000, interval: 250 }).toBe(SLOW_REQUESTS);
    expect(new Set(delivered().map((delivery) => delivery.to)).size).toBe(SLOW_REQUESTS);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 120_000);
});
