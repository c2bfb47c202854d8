import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdmin, idOf } from './admin-entry';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD, type E2eTarget } from './fixtures';
import { startOwnSite, type OwnSite } from './own-site';
import { withAuthenticator } from './passkey-device';
import { freePort } from './site';

// Passkeys need a host name (WebAuthn refuses an IP address as the site's id), so this file runs
// a site of its own at http://localhost:PORT, on a database of its own.

const browser = sharedBrowser();
const serverUrl = process.env.DATABASE_URL;
const messages = { en, fr };
const emailOf = (locale: string, name: string) => `${name}.${locale}.passkey@example.com`;
const accounts = (['en', 'fr'] as const).flatMap((locale) => [
  ...['owner', 'nojs', 'lost'].map((name) => ({ email: emailOf(locale, name), name: `Passkey ${name} ${locale}`, locale, password: E2E_PASSWORD })),
  { email: emailOf(locale, 'admin'), name: `Passkey admin ${locale}`, locale, password: E2E_PASSWORD, role: 'admin' },
]);

let own: OwnSite;
let target: E2eTarget;
let baseURL = '';

/** Signs in with the password and adds a passkey named `name` from the account's page. */
async function addPasskey(page: Page, locale: 'en' | 'fr', email: string, name: string) {
  const t = messages[locale];
  await signIn(page, locale, email);
  await page.waitForURL(`**/${locale}/account`);
  await page.goto(`/${locale}/account/passkeys`);
  await page.getByLabel(t.Passkeys.nameLabel).fill(name);
  await page.getByRole('button', { name: t.Passkeys.add }).click();
  await page.waitForURL('**done=added');
}

const noticesTo = (email: string) => own.resend.deliveries.filter((delivery) => [delivery.to].flat().includes(email)).map((delivery) => delivery.text).join('\n');

const auditEvents = async (email: string) =>
  (await own.sql<{ event: string }[]>`select a.event from audit_events a join users u on u.id = a.target_user_id where u.email = ${email} order by a.id`).map((row) => row.event);

describe.skipIf(!serverUrl)('passkeys', () => {
  beforeAll(async () => {
    const port = await freePort();
    baseURL = `http://localhost:${port}`;
    own = await startOwnSite({ name: 'passkeys', accounts, env: { APP_URL: baseURL }, port });
    target = { name: 'postgres', baseURL, databaseUrl: own.databaseUrl, resendUrl: own.resend.url };
  }, 180_000);

  afterAll(() => own?.close());

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    const t = messages[locale];
    const owner = emailOf(locale, 'owner');

    it('adds a passkey from the account, signs in with it alone, refuses a copy with a stale counter, and removes it', async () => {
      const page = await openPage(browser(), baseURL);
      const device = await withAuthenticator(page);
      await signIn(page, locale, owner);
      await page.waitForURL(`**/${locale}/account`);
      await page.getByRole('link', { name: t.Account.managePasskeys, exact: true }).click();
      await page.waitForURL(`**/${locale}/account/passkeys`);
      expect(await page.getByText(t.Passkeys.none).count()).toBe(1);

      // A name is required before the device is asked anything.
      await page.getByRole('button', { name: t.Passkeys.add }).click();
      await expect.poll(() => page.locator('#passkey-name-errors').textContent()).toBe(t.Passkeys.errors.nameRequired);
      expect(await device.credentials()).toEqual([]);

      await page.getByLabel(t.Passkeys.nameLabel).fill('Laptop');
      await page.getByRole('button', { name: t.Passkeys.add }).click();
      await page.waitForURL('**done=added');
      expect(await page.getByRole('status').textContent()).toBe(t.Passkeys.done.added);
      expect(await page.locator('table tbody tr td').first().textContent()).toBe('Laptop');
      const [made] = await device.credentials();
      expect(made).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
      await expect.poll(() => noticesTo(owner), { timeout: 15_000 }).toContain(t.Emails.securityNotice.events.passkeyAdded);

      // Signed out, back in with the passkey alone: no identifier, no password, and no second
      // step either, though the account has one — the passkey is both.
      await own.sql`update users set email_otp_enabled = true where email = ${owner}`;
      await page.context().clearCookies();
      await page.goto(`/${locale}/login`);
      await page.getByRole('button', { name: t.Login.passkey.button }).click();
      await page.waitForURL(`**/${locale}/account`);
      expect(await page.locator('h1').textContent()).toBe(t.Account.title);
      expect(await auditEvents(owner)).toEqual(expect.arrayContaining(['passkey.added', 'sign_in.succeeded']));

      // Picking the passkey from the identifier field's suggestions signs in the same, with no click.
      const suggested = await openPage(browser(), baseURL);
      await (await withAuthenticator(suggested, { picksSuggestion: true })).add((await device.credentials())[0]!);
      await suggested.goto(`/${locale}/login`);
      await suggested.waitForURL(`**/${locale}/account`);
      expect(await suggested.locator('h1').textContent()).toBe(t.Account.title);

      // A copy of the key that has not kept up with the counter is someone else's device.
      const thief = await openPage(browser(), baseURL);
      const copy = await withAuthenticator(thief);
      await copy.add({ ...made!, signCount: 0 });
      await thief.goto(`/${locale}/login`);
      await thief.getByRole('button', { name: t.Login.passkey.button }).click();
      await expect.poll(() => thief.locator('#passkey-error').textContent()).toBe(t.Login.passkey.copied);
      expect(thief.url()).toContain(`/${locale}/login`);
      expect(await auditEvents(owner)).toContain('passkey.failed');

      // Removed from the account, the passkey signs nobody in.
      await page.goto(`/${locale}/account/passkeys`);
      await page.getByRole('link', { name: t.Passkeys.removeNamed.replace('{name}', 'Laptop') }).click();
      await page.locator('.confirm').getByRole('button', { name: t.Passkeys.remove }).click();
      await page.waitForURL('**done=removed');
      expect(await page.getByText(t.Passkeys.none).count()).toBe(1);
      const later = await openPage(browser(), baseURL);
      const sameDevice = await withAuthenticator(later);
      await sameDevice.add((await device.credentials())[0]!);
      await later.goto(`/${locale}/login`);
      await later.getByRole('button', { name: t.Login.passkey.button }).click();
      await expect.poll(() => later.locator('#passkey-error').textContent()).toBe(t.Login.passkey.failed);
    });

    it('hides passkeys without JavaScript and keeps every other way in', async () => {
      const page = await openPage(browser(), baseURL, { javaScriptEnabled: false });
      await page.goto(`/${locale}/login`);
      expect(await page.getByRole('button', { name: t.Login.passkey.button }).count()).toBe(0);
      await signIn(page, locale, emailOf(locale, 'nojs'));
      await page.waitForURL(`**/${locale}/account`);
      await page.goto(`/${locale}/account/passkeys`);
      expect(await page.locator('noscript').textContent()).toBe(t.Passkeys.noScript);
      expect(await page.getByRole('button', { name: t.Passkeys.add }).count()).toBe(0);
    });

    it('shows an admin the person’s passkeys, and removes a lost one: it signs nobody in, and its owner is told', async () => {
      const lost = emailOf(locale, 'lost');
      const owner = await openPage(browser(), baseURL);
      const device = await withAuthenticator(owner);
      await addPasskey(owner, locale, lost, 'Téléphone perdu');

      const admin = await openPage(browser(), baseURL);
      await enterAdmin(target, admin, emailOf(locale, 'admin'), locale);
      await admin.goto(`/${locale}/admin/users/${await idOf(admin, `Passkey lost ${locale}`, locale)}`);
      const section = admin.locator('#passkeys');
      expect(await section.locator('tbody td').first().textContent()).toBe('Téléphone perdu');
      await section.getByRole('link', { name: t.Admin.passkeys.removeNamed.replace('{passkey}', 'Téléphone perdu') }).click();
      await section.locator('.confirm').getByRole('button', { name: t.Admin.passkeys.remove }).click();
      await admin.waitForURL('**done=passkeyRemoved**');
      expect(await section.getByRole('status').textContent()).toBe(t.Admin.passkeys.done);
      expect(await section.getByText(t.Admin.passkeys.none).count()).toBe(1);
      await expect.poll(() => noticesTo(lost), { timeout: 15_000 }).toContain(t.Emails.adminNotice.events.passkeyRemoved);
      expect(await auditEvents(lost)).toContain('admin.passkey_removed');

      await owner.context().clearCookies();
      await owner.goto(`/${locale}/login`);
      expect((await device.credentials()).length).toBe(1);
      await owner.getByRole('button', { name: t.Login.passkey.button }).click();
      await expect.poll(() => owner.locator('#passkey-error').textContent()).toBe(t.Login.passkey.failed);
    });
  });
});
