import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { startDatabaseCut } from '../helpers/database-cut';
import { E2E_PASSWORD } from './fixtures';
import { startOwnSite, type OwnSite } from './own-site';
import { formFields, hiddenFields, postRaw, type RawResponse } from './raw-form';

// PRODUCT.md §6 "Reliability", on sites and databases of this file's own: Resend down while
// people ask for resets; connections dropped in the middle of a reset or a sign-in (the test
// holds a lock so the site's transaction waits at a known point, drops every connection of the
// site, then lets go); and the database gone for ten seconds behind a relay the test cuts.

const messages = { en, fr } as const;
type Locale = keyof typeof messages;
const serverUrl = process.env.DATABASE_URL;
const NEW_PASSWORD = 'copper kettles whistle at dawn';
const names = ['reset-en', 'reset-fr', 'sign-in-en', 'sign-in-fr'] as const;
const emailOf = (name: string) => `${name}.faults@example.com`;
const MAIL_ROUNDS = 5;
const mailNames = (phase: 'up' | 'down') => Array.from({ length: MAIL_ROUNDS }, (_, index) => `mail-${phase}-${index}`);
const accounts = [...names, ...mailNames('up'), ...mailNames('down')].map((name) => ({
  email: emailOf(name),
  name: `Faults ${name}`,
  locale: name.endsWith('fr') ? 'fr' : 'en',
  password: E2E_PASSWORD,
}));

/** The page's text as a person reads it: React writes a few characters as entities. */
const readable = (html: string) => html.replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

let own: OwnSite;

/** What a form says went wrong, for the message of a failed expectation. */
const alertOf = (answer: RawResponse) => readable(answer.body).match(/<p[^>]*role="alert"[^>]*>[^<]*/g)?.join(' ') ?? '';

/**
 * The answer to a request whose connection was cut: the form again with its localized "try
 * again" line, or — when the page around it also met a connection that was dying at that very
 * moment — the localized "unavailable" page. Never a bare error page, never another language.
 */
function expectTryAgain(answer: RawResponse, locale: Locale) {
  const html = readable(answer.body);
  const seen = answer.status === 503 ? messages[locale].Unavailable.body : messages[locale].Error.action;
  expect([200, 503]).toContain(answer.status);
  expect(html).toContain(`<html lang="${locale}"`);
  expect(html).toContain(seen);
}

async function resetLink(locale: Locale, email: string): Promise<string> {
  const { baseURL } = own.site;
  const seen = own.resend.deliveries.length;
  await postRaw(baseURL, `/${locale}/forgot-password`, await formFields(baseURL, `/${locale}/forgot-password`, { identifier: email }), { origin: baseURL });
  await expect.poll(() => own.resend.deliveries.slice(seen).some((delivery) => delivery.to === email), { timeout: 20_000 }).toBe(true);
  const delivery = own.resend.deliveries.slice(seen).find((candidate) => candidate.to === email)!;
  const link = new RegExp(`${baseURL}/${locale}/reset-password\\?token=[A-Za-z0-9_-]+`).exec(delivery.text)?.[0];
  if (!link) throw new Error(`no link in:\n${delivery.text}`);
  return link.slice(baseURL.length);
}

async function signInRaw(locale: Locale, identifier: string, password: string): Promise<RawResponse> {
  const { baseURL } = own.site;
  const headers = { origin: baseURL };
  const first = await postRaw(baseURL, `/${locale}/login`, await formFields(baseURL, `/${locale}/login`, { identifier }), headers);
  const second = hiddenFields(first.body);
  second.set('password', password);
  return postRaw(baseURL, `/${locale}/login`, second, headers);
}

/**
 * Runs `request` while the test holds a lock (`hold`): once one of the site's statements waits
 * for it, every connection of the site to its database is terminated and the lock let go.
 * Returns the answer and the statement that was interrupted.
 */
async function interrupted(hold: (tx: postgres.TransactionSql) => Promise<unknown>, request: () => Promise<RawResponse>) {
  let waiting = '';
  const answer = await own.sql.begin(async (tx) => {
    await hold(tx);
    const pending = request();
    const blocked = async () => {
      // Statistics are read once per transaction unless told otherwise.
      await tx`select pg_stat_clear_snapshot()`;
      const rows = await tx<Array<{ query: string }>>`
        select query from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`;
      return rows[0]?.query ?? '';
    };
    await expect.poll(blocked, { timeout: 20_000, interval: 50 }).not.toBe('');
    waiting = await blocked();
    await tx`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    return [await pending];
  });
  return { answer: answer[0]!, waiting };
}

describe.skipIf(!serverUrl)('Resend down, and a dropped connection in the middle of a request', () => {
  beforeAll(async () => {
    own = await startOwnSite({ name: 'faults', accounts });
  }, 180_000);

  afterAll(() => own?.close());

  it('answers "forgot password" as fast with Resend down, and sends every email once when it is back', async () => {
    const { baseURL } = own.site;
    const ask = async (email: string) => {
      const form = await formFields(baseURL, '/en/forgot-password', { identifier: email });
      const started = performance.now();
      const answer = await postRaw(baseURL, '/en/forgot-password', form, { origin: baseURL });
      expect(answer.status, alertOf(answer)).toBe(303);
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const delivered = (emails: string[]) => own.resend.deliveries.filter((delivery) => emails.includes(String(delivery.to)));
    const up = mailNames('up').map(emailOf);
    const down = mailNames('down').map(emailOf);

    const withResend: number[] = [];
    for (const email of up) withResend.push(await ask(email));
    await expect.poll(() => delivered(up).length, { timeout: 20_000 }).toBe(up.length);

    own.resend.down(true);
    const triedBefore = own.resend.requests.length;
    const withoutResend: number[] = [];
    for (const email of down) withoutResend.push(await ask(email));
    // Resend was really asked, and really failed, while these were answered.
    await expect.poll(() => own.resend.requests.length - triedBefore, { timeout: 20_000 }).toBeGreaterThanOrEqual(down.length);
    expect(delivered(down)).toEqual([]);
    expect(median(withoutResend)).toBeLessThanOrEqual(1.5 * median(withResend) + 100);

    own.resend.down(false);
    const outbox = () => own.sql<Array<{ id: string; status: string }>>`select id, status from email_outbox where recipient in ${own.sql(down)}`;
    await expect.poll(async () => (await outbox()).map((row) => row.status), { timeout: 30_000 }).toEqual(down.map(() => 'sent'));
    // Each one once: one delivery per address, each under its own outbox row's key.
    const rows = await outbox();
    expect(new Set(delivered(down).map((delivery) => delivery.to)).size).toBe(down.length);
    expect(delivered(down).map((delivery) => delivery.idempotencyKey).sort()).toEqual(rows.map((row) => row.id).sort());
    const retried = own.resend.requests.filter((request) => rows.some((row) => row.id === request.idempotencyKey));
    expect(retried.length).toBeGreaterThan(down.length);
  });

  it.each([
    { locale: 'en' as const, name: 'reset-en' as const },
    { locale: 'fr' as const, name: 'reset-fr' as const },
  ])('changes nothing of a reset cut off half-way, says "try again" in $locale, and the same link then works', async ({ locale, name }) => {
    const email = emailOf(name);
    const path = await resetLink(locale, email);
    const passwordBefore = await own.sql`select password_hash from users where email = ${email}`;
    const form = await formFields(own.site.baseURL, path, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD });

    const holdAccount = (tx: postgres.TransactionSql) => tx`select id from users where email = ${email} for update`;
    const { answer, waiting } = await interrupted(holdAccount, () => postRaw(own.site.baseURL, path, form, { origin: own.site.baseURL }));
    // The link was already marked used in that transaction when the password was being written.
    expect(waiting).toMatch(/^update "users"/);
    expectTryAgain(answer, locale);
    expect(await own.sql`select password_hash from users where email = ${email}`).toEqual(passwordBefore);
    const told = () => own.sql`
      select count(*)::int as count from email_outbox
      where template = 'passwordChanged' and user_id = (select id from users where email = ${email})`;
    expect((await told())[0]!.count).toBe(0);

    // No restart: the very next request finds a connection, and the link was not spent.
    const again = await postRaw(own.site.baseURL, path, form, { origin: own.site.baseURL });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/${locale}/login?reset=1`);
    expect(await own.sql`select password_hash from users where email = ${email}`).not.toEqual(passwordBefore);
    expect((await told())[0]!.count).toBe(1);
  });

  it.each([
    { locale: 'en' as const, name: 'sign-in-en' as const },
    { locale: 'fr' as const, name: 'sign-in-fr' as const },
  ])('starts no session for a sign-in cut off half-way, says "try again" in $locale, and the next sign-in works', async ({ locale, name }) => {
    const email = emailOf(name);
    const sessions = async () => (await own.sql`select count(*)::int as count from sessions where user_id = (select id from users where email = ${email})`)[0]!.count;

    // Before its transaction, a sign-in writes rows that point at the account (its count of
    // tries): only new sessions are held back, so it stops inside the transaction.
    const holdSessions = (tx: postgres.TransactionSql) => tx`lock table sessions in share mode`;
    const { answer, waiting } = await interrupted(holdSessions, () => signInRaw(locale, email, E2E_PASSWORD));
    expect(waiting).toMatch(/^with "started" as \(insert into "sessions"/);
    expectTryAgain(answer, locale);
    expect([answer.headers['set-cookie'] ?? []].flat().filter((cookie) => cookie.includes('session'))).toEqual([]);
    expect(await sessions()).toBe(0);

    const again = await signInRaw(locale, email, E2E_PASSWORD);
    expect(again.status).toBe(303);
    expect(await sessions()).toBe(1);
  });

});

describe.skipIf(!serverUrl)('the database gone for ten seconds', () => {
  let cut: Awaited<ReturnType<typeof startDatabaseCut>>;
  let down: OwnSite;

  beforeAll(async () => {
    const server = new URL(serverUrl!);
    cut = await startDatabaseCut({ host: server.hostname, port: Number(server.port || 5432) });
    down = await startOwnSite({
      name: 'outage',
      accounts: [{ email: 'outage.faults@example.com', name: 'Olga Outage', locale: 'fr', password: E2E_PASSWORD }],
      siteDatabaseUrl: (url) => {
        url.hostname = '127.0.0.1';
        url.port = String(cut.port);
        return url.toString();
      },
    });
  }, 180_000);

  afterAll(async () => {
    await down?.close();
    await cut?.close();
  });

  it('answers "unavailable" (503) in the address\'s language while it is gone, and serves again by itself when it is back', async () => {
    // A link of the right shape is looked up: the page needs the database.
    const token = 'A'.repeat(43);
    const page = (locale: Locale) => fetch(`${down.site.baseURL}/${locale}/reset-password?token=${token}`);
    expect((await page('fr')).status).toBe(200);

    await cut.cut();
    const cutAt = Date.now();
    // Every answer while it is gone, the first one included, and for as long as it is gone.
    let answers = 0;
    while (Date.now() - cutAt < 10_000) {
      for (const locale of ['en', 'fr'] as const) {
        const answer = await page(locale);
        const html = readable(await answer.text());
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(html).toContain(`<html lang="${locale}"`);
        expect(html).toContain(messages[locale].Unavailable.title);
        expect(html).toContain(messages[locale].Unavailable.body);
        answers += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(answers).toBeGreaterThan(4);

    // The company sign-in's way out and way back are routes, not pages: they say the same, in
    // the language the trip set out in; the API says it in JSON.
    const { baseURL: site } = down.site;
    for (const address of [`/api/sso/start?identifier=someone%40acme.test&locale=fr`, `/api/sso/callback?state=fr.${'b'.repeat(43)}&code=c`]) {
      const answer = await fetch(`${site}${address}`, { redirect: 'manual' });
      expect(answer.status, address).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(readable(await answer.text())).toContain(messages.fr.Unavailable.body);
    }
    const api = await fetch(`${site}/api/v1/me`, { headers: { authorization: `Bearer ssm_${'A'.repeat(43)}` } });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });

    await cut.restore();
    // Back within seconds, with no restart: pages, a sign-in and the outbox.
    await expect.poll(async () => (await page('fr')).status, { timeout: 5_000, interval: 100 }).toBe(200);
    expect(down.site.child.exitCode).toBeNull();
    const { baseURL } = down.site;
    const email = 'outage.faults@example.com';
    const first = await postRaw(baseURL, '/fr/login', await formFields(baseURL, '/fr/login', { identifier: email }), { origin: baseURL });
    const second = hiddenFields(first.body);
    second.set('password', E2E_PASSWORD);
    expect((await postRaw(baseURL, '/fr/login', second, { origin: baseURL })).status).toBe(303);
    await postRaw(baseURL, '/fr/forgot-password', await formFields(baseURL, '/fr/forgot-password', { identifier: email }), { origin: baseURL });
    await expect.poll(() => down.resend.deliveries.filter((delivery) => delivery.to === email).length, { timeout: 10_000 }).toBe(1);
    // Words published after the outage reach it: it listens again (or notices the new version).
    const title = `Bon retour ${Date.now()}`;
    await down.sql.begin(async (tx) => {
      await tx`insert into translation_overrides (locale, key, published) values ('fr', 'Login.title', ${title})`;
      await tx`update translation_state set version = version + 1 where id = 1`;
      await tx`select pg_notify('sesame_translations', '')`;
    });
    await expect.poll(async () => (await (await fetch(`${baseURL}/fr/login`)).text()).includes(title), { timeout: 10_000 }).toBe(true);
  });
});
