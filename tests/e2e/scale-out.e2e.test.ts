import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { runScript } from '../helpers/scripts';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD } from './fixtures';
import { formFields, postRaw, signInRaw } from './raw-form';
import { startRoundRobin } from './round-robin';
import { freePort, startSite, type RunningSite } from './site';

// Two instances of the site on one PostgreSQL database, behind a round-robin balancer: what
// PRODUCT.md promises for scale-out (sessions, limits, the outbox and published words all live
// in the database) is checked here, on a database of this file's own.

const browser = sharedBrowser();
const serverUrl = process.env.DATABASE_URL;
const accounts = ['session', 'lock', 'editor', 'reviewer', 'later', ...Array.from({ length: 6 }, (_, index) => `mail${index}`)].map((name) => ({
  email: `${name}.scale@example.com`,
  name: `Scale ${name}`,
  locale: 'en',
  password: E2E_PASSWORD,
  ...(name === 'editor' || name === 'reviewer' ? { role: 'editor' } : {}),
}));
const emailOf = (name: string) => `${name}.scale@example.com`;

let instances: RunningSite[] = [];
let balancer: Awaited<ReturnType<typeof startRoundRobin>>;
let resend: FakeResend;
let sql: postgres.Sql;
let cleanup: () => Promise<void> = async () => {};

describe.skipIf(!serverUrl)('two instances on one database', () => {
  beforeAll(async () => {
    const name = `sesame_scale_${randomUUID().replaceAll('-', '')}`;
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    resend = await startFakeResend();
    // The balancer's address is the site's address: links in emails lead through it.
    const balancerPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url.toString(),
      AUTH_SECRET: 'scale-secret-scale-secret-scale-secret-01',
      TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
      SEED_DEMO: 'false',
      JOB_POLL_SECONDS: '1',
      EMAIL_RETRY_BASE_SECONDS: '1',
      RESEND_API_KEY: 're_scale_key',
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: 'Sésame <no-reply@example.com>',
      APP_URL: `http://127.0.0.1:${balancerPort}`,
    };
    const folder = mkdtempSync(path.join(tmpdir(), 'sesame-scale-'));
    writeFileSync(path.join(folder, 'accounts.json'), JSON.stringify(accounts));
    const imported = runScript('sesame', ['import-users', path.join(folder, 'accounts.json')], env);
    rmSync(folder, { recursive: true, force: true });
    if (imported.code !== 0) throw new Error(imported.stderr);
    sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    instances = await Promise.all([startSite('first instance', env), startSite('second instance', env)]);
    balancer = await startRoundRobin(instances.map((instance) => instance.baseURL), balancerPort);
    cleanup = async () => {
      await sql.end();
      await balancer.close();
      await Promise.all(instances.map((instance) => instance.stop()));
      await resend.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }, 180_000);

  afterAll(() => cleanup());

  it('honours a session started on one instance on the other, and a sign-out on the other ends it on both', async () => {
    const [first, second] = instances as [RunningSite, RunningSite];
    const page = await openPage(browser(), first.baseURL);
    await signIn(page, 'en', emailOf('session'));
    await page.waitForURL('**/en/account');
    // Both listen on 127.0.0.1: the browser sends the same cookie to either.
    await page.goto(`${second.baseURL}/en/account`);
    expect(new URL(page.url()).pathname).toBe('/en/account');
    await page.getByRole('button', { name: en.Account.signOut }).click();
    await page.waitForURL('**/en/login**');
    await page.goto(`${first.baseURL}/en/account`);
    expect(new URL(page.url()).pathname).toBe('/en/login');
  });

  it('counts failed sign-ins on both instances towards one pause, told once', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const instance = instances[attempt % 2]!;
      await signInRaw(instance.baseURL, { identifier: emailOf('lock'), password: `wrong ${attempt}` }, { headers: { 'user-agent': 'scale-test' } });
    }
    const answer = await signInRaw(instances[1]!.baseURL, { identifier: emailOf('lock'), password: E2E_PASSWORD }, { headers: { 'user-agent': 'scale-test' } });
    expect(answer.body).toContain('Sign-in is paused');
    const subject = en.Emails.accountLocked.subject.replace('{siteName}', 'Sésame');
    await expect.poll(() => resend.deliveries.filter((email) => email.to === emailOf('lock') && email.subject === subject).length, { timeout: 20_000 }).toBe(1);
  });

  it('sends each email once, whichever instance takes it from the outbox', async () => {
    const names = accounts.filter((account) => account.email.startsWith('mail')).map((account) => account.email);
    for (const email of names) {
      await postRaw(balancer.url, '/en/forgot-password', await formFields(balancer.url, '/en/forgot-password', { identifier: email }), { origin: balancer.url });
    }
    const resets = () => resend.deliveries.filter((email) => names.includes(String(email.to)));
    await expect.poll(() => resets().length, { timeout: 30_000 }).toBe(names.length);
    // Both dispatchers keep polling, and nothing goes out twice: once every row says "sent"
    // and a later email has gone out (later passes ran), each reset was still delivered once.
    await expect.poll(async () => (await sql`select count(*)::int as n from email_outbox where recipient = any(${names}) and status = 'sent'`)[0]!.n, { timeout: 10_000 }).toBe(names.length);
    const later = emailOf('later');
    await postRaw(balancer.url, '/en/forgot-password', await formFields(balancer.url, '/en/forgot-password', { identifier: later }), { origin: balancer.url });
    await expect.poll(() => resend.deliveries.some((email) => email.to === later), { timeout: 20_000 }).toBe(true);
    expect(resets().length).toBe(names.length);
    expect(new Set(resets().map((email) => email.idempotencyKey)).size).toBe(names.length);
    expect(resets().every((email) => email.text.includes(`${balancer.url}/en/reset-password?token=`))).toBe(true);
  });

  it('shows a translation an editor publishes through the balancer on both instances within seconds', async () => {
    const t = en.Admin.translations;
    const title = `Welcome back ${randomUUID().slice(0, 6)}`;
    // Every step of the editor's visit may land on either instance.
    const page = await openPage(browser(), balancer.url);
    await signIn(page, 'en', emailOf('editor'));
    await page.waitForURL('**/en/account');
    await page.goto('/en/admin/translations/edit?key=Login.title');
    await page.getByLabel(t.value.replace('{language}', t.languages.en), { exact: true }).fill(title);
    await page.getByRole('button', { name: t.save }).first().click();
    await page.waitForURL('**done=saved');
    // The sign-in page's words are published by a second editor's approval, also through the balancer.
    const reviewer = await openPage(browser(), balancer.url);
    await signIn(reviewer, 'en', emailOf('reviewer'));
    await reviewer.waitForURL('**/en/account');
    await reviewer.goto('/en/admin/translations/edit?key=Login.title');
    await reviewer.getByRole('link', { name: t.approve, exact: true }).click();
    await reviewer.locator('.confirm').getByRole('button', { name: t.approve, exact: true }).click();
    await reviewer.waitForURL('**done=approved');
    for (const instance of instances) {
      await expect.poll(async () => (await (await fetch(`${instance.baseURL}/en/login`)).text()).includes(title), { timeout: 10_000 }).toBe(true);
    }
  });
});
