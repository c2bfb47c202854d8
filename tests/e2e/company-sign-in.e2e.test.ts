import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@/lib/crypto';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { startCompanyProvider, type CompanyPerson } from '../helpers/company-provider';
import { runScript } from '../helpers/scripts';
import { formError, openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD } from './fixtures';
import { startOwnSite, type OwnSite } from './own-site';
import { withAuthenticator } from './passkey-device';
import { freePort } from './site';

// A company's identity provider (oidc-provider, a real OpenID Connect server) on loopback, and
// a site of its own at http://localhost:PORT (passkeys need a host name) whose callback address
// is registered with it. The browser goes out to the provider's own sign-in form and back.

const browser = sharedBrowser();
const serverUrl = process.env.DATABASE_URL;
const messages = { en, fr };
const NAME = 'sso';
const AUTH_SECRET = `${NAME}-secret-${NAME}-secret-${NAME}-secret`;
const acme = (locale: string) => `acme-${locale}.test`;
const globex = (locale: string) => `globex-${locale}.test`;

const people: Record<string, CompanyPerson> = {};
for (const locale of ['en', 'fr']) {
  for (const who of ['someone', 'strict', 'replay']) people[`${who}@${acme(locale)}`] = { email: `${who}@${acme(locale)}`, emailVerified: true, name: `Acme ${who}` };
  people[`unverified@${acme(locale)}`] = { email: `unverified@${acme(locale)}`, emailVerified: false, name: 'Acme unverified' };
  people[`newcomer@${globex(locale)}`] = { email: `newcomer@${globex(locale)}`, emailVerified: true, name: `Globex newcomer ${locale}` };
  for (const who of ['welcomed', 'mover']) people[`${who}@${acme(locale)}`] = { email: `${who}@${acme(locale)}`, emailVerified: true, name: `Acme ${who}` };
  // Another person at the provider (another subject) whose verified address is the mover's.
  people[`impostor-${locale}`] = { email: `mover@${acme(locale)}`, emailVerified: true, name: 'Acme impostor' };
}
const accounts = ['en', 'fr'].flatMap((locale) => [
  ...['someone', 'strict', 'replay', 'unverified', 'mover'].map((who) => ({ email: `${who}@${acme(locale)}`, username: `${who}-${locale}`, name: `Acme ${who} ${locale}`, locale, password: E2E_PASSWORD })),
]);

let own: OwnSite;
let provider: Awaited<ReturnType<typeof startCompanyProvider>>;
let baseURL = '';

/**
 * At the provider's own page: the address is filled in from the sign-in page (login_hint); `as`
 * signs in as another person of the provider instead.
 */
async function signInAtProvider(page: Page, email: string, as?: string) {
  await page.waitForURL(`${provider.issuer}/**`);
  expect(await page.locator('input[name=login]').inputValue()).toBe(email);
  if (as) await page.locator('input[name=login]').fill(as);
  await page.locator('input[name=password]').fill('the company password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** Types the address at the sign-in page and continues to the company's sign-in. */
async function goToCompany(page: Page, locale: 'en' | 'fr', email: string) {
  const t = messages[locale];
  await page.goto(`/${locale}/login`);
  await page.getByLabel(t.Login.identifierLabel).fill(email);
  await page.getByRole('button', { name: t.Login.continue }).click();
  await page.waitForURL(`**/${locale}/login/sso?**`);
}

const auditEvents = async (email: string) =>
  (await own.sql<{ event: string }[]>`select a.event from audit_events a join users u on u.id = a.target_user_id where u.email = ${email} order by a.id`).map((row) => row.event);

describe.skipIf(!serverUrl)('company sign-in', () => {
  beforeAll(async () => {
    const port = await freePort();
    baseURL = `http://localhost:${port}`;
    provider = await startCompanyProvider({ redirectUri: `${baseURL}/api/sso/callback`, people });
    own = await startOwnSite({ name: NAME, accounts, env: { APP_URL: baseURL, AUTH_SECRET }, port });
    const secret = seal(provider.clientSecret, AUTH_SECRET, 'sso-client-secret');
    const [team] = await own.sql<{ id: string }[]>`insert into teams (name) values ('Globex staff') returning id`;
    for (const locale of ['en', 'fr']) {
      const connect = async (name: string, domain: string, mode: string, createAccounts: boolean) => {
        const [row] = await own.sql<{ id: string }[]>`insert into sso_connections (name, issuer, client_id, client_secret_sealed, mode, create_accounts, default_team_id)
          values (${name}, ${provider.issuer}, ${provider.clientId}, ${secret}, ${mode}, ${createAccounts}, ${createAccounts ? team!.id : null}) returning id`;
        await own.sql`insert into sso_domains (domain, connection_id) values (${domain}, ${row!.id})`;
      };
      await connect(`Acme ${locale}`, acme(locale), 'enforce', false);
      await connect(`Globex ${locale}`, globex(locale), 'allow', true);
      // An account an admin makes at Acme's domain once Acme enforces its sign-in, waiting for activation.
      const made = runScript('sesame', ['create-user', '--email', `welcomed@${acme(locale)}`, '--name', `Acme welcomed ${locale}`, '--locale', locale, '--state', 'pending'], {
        ...process.env,
        DATABASE_URL: own.databaseUrl,
        AUTH_SECRET,
        TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
        EMAIL_TRANSPORT: 'log',
      });
      if (made.code !== 0) throw new Error(made.stderr);
    }
  }, 180_000);

  afterAll(async () => {
    await own?.close();
    await provider?.close();
  });

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    const t = messages[locale];
    const c = t.CompanySignIn;

    it('takes an Acme address to Acme’s provider and back signed in; a passkey added then signs in alone', async () => {
      const email = `someone@${acme(locale)}`;
      const page = await openPage(browser(), baseURL);
      await withAuthenticator(page);

      await goToCompany(page, locale, email);
      expect(await page.locator('h1').textContent()).toBe(c.heading.replace('{company}', `Acme ${locale}`));
      expect(await page.getByText(c.where.replace('{host}', new URL(provider.issuer).host)).count()).toBe(1);
      // After the form's answer the title streams in with the page's metadata (as in accessibility.e2e).
      await page.waitForFunction(() => document.title !== '');
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
      // Acme enforces its sign-in: no password is offered instead.
      expect(await page.getByRole('link', { name: c.passwordInstead }).count()).toBe(0);
      await page.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(page, email);
      await page.waitForURL(`**/${locale}/account`);
      expect(await page.locator('h1').textContent()).toBe(t.Account.title);
      expect(await auditEvents(email)).toEqual(expect.arrayContaining(['sso.linked', 'sign_in.succeeded']));

      await page.goto(`/${locale}/account/passkeys`);
      await page.getByLabel(t.Passkeys.nameLabel).fill('Work laptop');
      await page.getByRole('button', { name: t.Passkeys.add }).click();
      await page.waitForURL('**done=added');

      await page.goto(`/${locale}/account`);
      await page.getByRole('button', { name: t.Account.signOut }).click();
      await page.waitForURL(`**/${locale}/login**`);
      await page.getByRole('button', { name: t.Login.passkey.button }).click();
      await page.waitForURL(`**/${locale}/account`);
      expect(await page.locator('h1').textContent()).toBe(t.Account.title);
    });

    // The journey above runs in both languages; each rule below once, in one of them, and the
    // pages its refusals lead to in both (the last test of the file).
    if (locale === 'en') it('keeps an enforce-mode account off its password and off reset emails', async () => {
      const email = `strict@${acme(locale)}`;
      const page = await openPage(browser(), baseURL);
      // The identifier step never reaches a password for it; a posted password is refused anyway.
      await goToCompany(page, locale, email);
      await page.goto(`/${locale}/forgot-password`);
      await page.getByLabel(t.Login.identifierLabel).fill(email);
      await page.getByRole('button', { name: t.ForgotPassword.submit }).click();
      await page.waitForURL(`**/${locale}/login/sso?**`);
      expect(await page.getByRole('status').textContent()).toBe(c.noReset.replace('{company}', `Acme ${locale}`));
      expect(own.resend.deliveries.filter((delivery) => [delivery.to].flat().includes(email))).toEqual([]);
      expect(await auditEvents(email)).not.toContain('recovery.requested');
    });

    if (locale === 'fr') it('keeps an account on its company’s sign-in wherever its address goes: no password at activation, no move out, no second identity', async () => {
      // Made by an admin at the enforcing domain: its welcome sends it to the company, with no
      // link that would let it choose a password (the probe activated it with one).
      const welcomed = `welcomed@${acme(locale)}`;
      const welcomes = () => own.resend.deliveries.filter((delivery) => [delivery.to].flat().includes(welcomed));
      await expect.poll(() => welcomes().length).toBe(1);
      const [welcome] = welcomes();
      expect(welcome!.subject).toBe(t.Emails.companySignIn.subject.replace('{siteName}', 'Sésame').replace('{company}', `Acme ${locale}`));
      expect(welcome!.text).not.toContain('/activate');
      const page = await openPage(browser(), baseURL);
      await page.goto(/https?:\/\/\S+\/login\/sso\?\S+/.exec(welcome!.text)![0]);
      await page.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(page, welcomed);
      await page.waitForURL(`**/${locale}/account`);
      const [activated] = await own.sql<{ state: string; password_hash: string | null }[]>`select state, password_hash from users where email = ${welcomed}`;
      expect(activated).toEqual({ state: 'active', password_hash: null });

      // Signed in by the company (a recent confirmation), the person tries to move to a private address.
      await page.goto(`/${locale}/account/email`);
      await page.locator('input[name=email]').fill(`private-${locale}@example.com`);
      await page.locator('form:has(input[name=email]) button[type=submit]').click();
      await expect.poll(() => page.locator('#email-error').textContent()).toBe(t.EmailChange.errors.companySignIn.replaceAll('{company}', `Acme ${locale}`));
      expect(await auditEvents(welcomed)).toContain('email_change.refused');

      // An account that left before this rule (its address moved, its identity linked) keeps
      // its password out, by username too, even with its company's access gone.
      const mover = `mover@${acme(locale)}`;
      const linked = await openPage(browser(), baseURL);
      await goToCompany(linked, locale, mover);
      await linked.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(linked, mover);
      await linked.waitForURL(`**/${locale}/account`);
      await own.sql`update users set email = ${`moved-${locale}@example.com`} where email = ${mover}`;
      const password = await openPage(browser(), baseURL);
      for (const identifier of [`moved-${locale}@example.com`, `mover-${locale}`]) {
        await password.goto(`/${locale}/login`);
        await signIn(password, locale, identifier);
        await expect.poll(() => formError(password).textContent()).toBe(t.Login.errors.companySignIn);
      }
      await own.sql`update users set email = ${mover} where email = ${`moved-${locale}@example.com`}`;

      // Another subject of the same provider vouching for the mover's address is turned away.
      const impostor = await openPage(browser(), baseURL);
      await goToCompany(impostor, locale, mover);
      await impostor.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(impostor, mover, `impostor-${locale}`);
      await impostor.waitForURL(`**/${locale}/login/sso?problem=otherIdentity`);
      expect(await impostor.locator('.card [role=alert]').textContent()).toBe(c.problems.otherIdentity);
      const [identities] = await own.sql<{ count: number }[]>`select count(*)::int as count from sso_identities i join users u on u.id = i.user_id where u.email = ${mover}`;
      expect(identities!.count).toBe(1);
    });

    if (locale === 'en') it('refuses an address the provider has not verified, a tampered state and a replayed answer, in the person’s language', async () => {
      const unverified = `unverified@${acme(locale)}`;
      const page = await openPage(browser(), baseURL);
      await goToCompany(page, locale, unverified);
      await page.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(page, unverified);
      await page.waitForURL(`**/${locale}/login/sso?problem=unverified`);
      expect(await page.locator('.card [role=alert]').textContent()).toBe(c.problems.unverified);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);

      const email = `replay@${acme(locale)}`;
      const first = await openPage(browser(), baseURL);
      const callbacks: string[] = [];
      first.on('request', (request) => {
        if (request.url().startsWith(`${baseURL}/api/sso/callback`)) callbacks.push(request.url());
      });
      await goToCompany(first, locale, email);
      await first.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
      await signInAtProvider(first, email);
      await first.waitForURL(`**/${locale}/account`);
      const answer = new URL(callbacks[0]!);
      // The same answer again, in the same browser or another: the trip is over.
      await first.goto(answer.toString());
      await first.waitForURL(`**/${locale}/login/sso?problem=ended`);
      const other = await openPage(browser(), baseURL);
      await other.goto(answer.toString());
      await other.waitForURL(`**/${locale}/login/sso?problem=ended`);
      expect(await other.locator('.card [role=alert]').textContent()).toBe(c.problems.ended);

      // Browsers that set out and are at the provider: one is handed the spent code with its own
      // trip's state (the provider refuses a code twice), one a state no trip has.
      const setOut = async () => {
        const page = await openPage(browser(), baseURL);
        let state = '';
        page.on('request', (request) => {
          if (request.url().startsWith(`${provider.issuer}/auth?`)) state = new URL(request.url()).searchParams.get('state') ?? '';
        });
        await goToCompany(page, locale, email);
        await page.getByRole('link', { name: c.continue.replace('{company}', `Acme ${locale}`) }).click();
        await page.waitForURL(`${provider.issuer}/**`);
        return { page, state };
      };
      const replaying = await setOut();
      await replaying.page.goto(`${baseURL}/api/sso/callback?${new URLSearchParams({ code: answer.searchParams.get('code')!, state: replaying.state })}`);
      await replaying.page.waitForURL(`**/${locale}/login/sso?problem=refused`);
      expect(await replaying.page.locator('.card [role=alert]').textContent()).toBe(c.problems.refused);
      const forging = await setOut();
      await forging.page.goto(`${baseURL}/api/sso/callback?${new URLSearchParams({ code: answer.searchParams.get('code')!, state: 'forged-state' })}`);
      await forging.page.waitForURL(`**/login/sso?problem=ended`);
      expect((await auditEvents(email)).filter((event) => event === 'sign_in.succeeded')).toHaveLength(1);
    });

    if (locale === 'fr') it('creates a Globex newcomer’s account in Globex’s team, and offers the password instead since Globex allows it', async () => {
      const email = `newcomer@${globex(locale)}`;
      const page = await openPage(browser(), baseURL);
      await goToCompany(page, locale, email);
      expect(await page.getByRole('link', { name: c.passwordInstead }).count()).toBe(1);
      await page.getByRole('link', { name: c.continue.replace('{company}', `Globex ${locale}`) }).click();
      await signInAtProvider(page, email);
      await page.waitForURL(`**/${locale}/account`);
      const [created] = await own.sql<{ locale: string; role: string; team: string; name: string }[]>`
        select u.locale, u.role, t.name as team, u.name from users u join teams t on t.id = u.team_id where u.email = ${email}`;
      expect(created).toEqual({ locale, role: 'user', team: 'Globex staff', name: `Globex newcomer ${locale}` });

      // "Use my password" opens the password step for the address; a person made by the
      // company's sign-in has no password here, so it fails like any wrong one.
      const other = await openPage(browser(), baseURL);
      await goToCompany(other, locale, email);
      await other.getByRole('link', { name: c.passwordInstead }).click();
      await other.waitForURL(`**/${locale}/login?**`);
      expect(await other.locator('input[name=identifier]').inputValue()).toBe(email);
      expect(await other.getByLabel(t.Login.passwordLabel, { exact: true }).count()).toBe(1);
    });
  });

  it.each(['en', 'fr'] as const)('words every way a company sign-in can end short in the person’s language, in %s', async (locale) => {
    const c = messages[locale].CompanySignIn;
    const page = await openPage(browser(), baseURL);
    for (const problem of Object.keys(c.problems) as Array<keyof typeof c.problems>) {
      await page.goto(`/${locale}/login/sso?problem=${problem}`);
      expect([problem, await page.locator('.card [role=alert]').textContent()]).toEqual([problem, c.problems[problem]]);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    }
    await page.goto(`/${locale}/help/cant-sign-in#company`);
    expect(await page.locator('#company-title').textContent()).toBe(messages[locale].CantSignIn.companyTitle);
  });
});
