import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { startCompanyProvider } from '../helpers/company-provider';
import { enterAdminWithSession, idOf } from './admin-entry';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts } from './fixtures';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const words = { en, fr };
type Locale = keyof typeof words;

const field = (page: Page, locale: Locale, name: 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'scopes' | 'domains') =>
  page.getByLabel(words[locale].AdminSso.form[name], { exact: true });

async function save(page: Page, locale: Locale) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: words[locale].AdminSso.form.submit }).click(),
  ]);
}

/** Runs "Test this connection" and reads the answer the page gives. */
async function testConnection(page: Page, locale: Locale): Promise<string> {
  await page.getByRole('button', { name: words[locale].AdminSso.test.submit }).click();
  const result = page.locator('#sso-test-result:not([hidden])');
  await result.waitFor();
  return (await result.textContent())!;
}

describe.each(flowTargets())('company sign-in connections on $name', (target) => {
  let provider: Awaited<ReturnType<typeof startCompanyProvider>>;
  beforeAll(async () => {
    provider = await startCompanyProvider({ redirectUri: `${target.baseURL}/api/sso/callback`, people: {} });
  });
  afterAll(() => provider?.close());

  it('lets an admin create one in French, test it, edit it in English and delete it', async () => {
    const t = fr.AdminSso;
    const domains = [`acme-${target.name}.test`, `acme-${target.name}.fr`];
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.ssoAdmin.email, 'fr');

    // The admin navigation leads there; nothing is set up yet.
    await page.getByRole('link', { name: t.nav }).click();
    await page.waitForURL('**/fr/admin/sso');
    expect(await page.getByText(t.list.none).count()).toBe(1);
    await page.getByRole('link', { name: t.list.new }).click();
    await page.waitForURL('**/fr/admin/sso/new');
    expect(await page.getByLabel(t.form.redirectUri).inputValue()).toBe(`${target.baseURL}/api/sso/callback`);
    expect(await field(page, 'fr', 'scopes').inputValue()).toBe('openid email profile');

    // One bad field: the issuer on plain http elsewhere than this machine.
    await field(page, 'fr', 'name').fill('Acme Essai');
    await field(page, 'fr', 'issuer').fill('http://login.acme.test');
    await field(page, 'fr', 'clientId').fill(provider.clientId);
    await field(page, 'fr', 'clientSecret').fill(provider.clientSecret);
    await field(page, 'fr', 'domains').fill(domains.join('\n'));
    await page.getByLabel(t.form.modeEnforce).check();
    await page.getByLabel(t.form.createAccounts).check();
    await page.getByLabel(t.form.defaultRole).selectOption('manager');
    await save(page, 'fr');
    await page.locator('#issuer-errors li').waitFor();
    expect(await page.locator('#issuer-errors').textContent()).toBe(t.errors.issuer.notHttps);
    expect(page.url()).toMatch(/\/fr\/admin\/sso\/new$/);
    // Everything typed is still there, except the secret, which never comes back.
    expect(await field(page, 'fr', 'name').inputValue()).toBe('Acme Essai');
    expect(await field(page, 'fr', 'issuer').inputValue()).toBe('http://login.acme.test');
    expect(await field(page, 'fr', 'clientId').inputValue()).toBe(provider.clientId);
    expect(await field(page, 'fr', 'domains').inputValue()).toBe(domains.join('\n'));
    expect(await page.getByLabel(t.form.modeEnforce).isChecked()).toBe(true);
    expect(await page.getByLabel(t.form.createAccounts).isChecked()).toBe(true);
    expect(await page.getByLabel(t.form.defaultRole).inputValue()).toBe('manager');
    expect(await field(page, 'fr', 'clientSecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(provider.clientSecret);

    await field(page, 'fr', 'issuer').fill(provider.issuer);
    await field(page, 'fr', 'clientSecret').fill(provider.clientSecret);
    await save(page, 'fr');
    await page.waitForURL(/\/fr\/admin\/sso\/[0-9a-f-]{36}\?done=saved$/);
    expect(await page.getByRole('status').first().textContent()).toBe(t.notices.saved);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Acme Essai');
    expect(await field(page, 'fr', 'clientSecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(provider.clientSecret);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    // The provider answers: the page says where people will sign in, in French.
    const tested = await testConnection(page, 'fr');
    expect(tested).toBe(t.test.ok.replace('{endpoint}', `${provider.issuer}/auth`));

    // In English, a new name; the secret left empty keeps the stored one, so the test still passes.
    const e = en.AdminSso;
    await page.goto(`/en/admin/sso/${id}`);
    expect(await page.getByText(e.form.clientSecretEditHint).count()).toBe(1);
    expect(await page.getByLabel(e.form.modeEnforce).isChecked()).toBe(true);
    await field(page, 'en', 'name').fill('Acme Corp');
    await save(page, 'en');
    await page.waitForURL(`**/en/admin/sso/${id}?done=saved`);
    expect(await page.getByRole('status').first().textContent()).toBe(e.notices.saved);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(e.form.editTitle.replace('{name}', 'Acme Corp'));
    expect(await testConnection(page, 'en')).toBe(e.test.ok.replace('{endpoint}', `${provider.issuer}/auth`));

    await page.goto('/en/admin/sso');
    const row = page.locator('tbody tr', { hasText: 'Acme Corp' });
    expect(await row.locator('td').allTextContents()).toEqual(['Acme Corp', [...domains].sort().join(', '), e.list.modes.enforce, e.list.yes]);

    // Deleting asks first; cancelling changes nothing.
    await row.getByRole('link', { name: 'Acme Corp' }).click();
    await page.getByRole('link', { name: e.delete.link }).click();
    await page.waitForURL('**confirm=delete');
    expect(await page.getByText(e.delete.confirm.replace('{name}', 'Acme Corp').replace('{domains}', [...domains].sort().join(', '))).count()).toBe(1);
    await page.getByRole('link', { name: e.delete.cancel }).click();
    await page.waitForURL(`**/en/admin/sso/${id}`);
    await page.getByRole('link', { name: e.delete.link }).click();
    await page.getByRole('button', { name: e.delete.submit, exact: true }).click();
    await page.waitForURL('**/en/admin/sso?done=deleted');
    expect(await page.getByRole('status').first().textContent()).toBe(e.notices.deleted);
    expect(await page.getByText(e.list.none).count()).toBe(1);
    await page.goto(`/en/admin/sso/${id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toContain('Acme Corp');
  });

  it('works without JavaScript: a refusal keeps what was typed, then save, test and delete', async () => {
    const e = en.AdminSso;
    const page = await openPage(browser(), target.baseURL, { javaScriptEnabled: false });
    await enterAdminWithSession(target, page, e2eAccounts.ssoAdmin.email, 'en');
    await page.goto('/en/admin/sso/new');
    await field(page, 'en', 'name').fill('Plain Forms Inc');
    await field(page, 'en', 'issuer').fill(provider.issuer);
    await field(page, 'en', 'clientId').fill(provider.clientId);
    await field(page, 'en', 'clientSecret').fill(provider.clientSecret);
    await save(page, 'en');
    await page.locator('#domains-errors li').waitFor();
    expect(await page.locator('#domains-errors').textContent()).toBe(e.errors.domains.required);
    expect(await field(page, 'en', 'name').inputValue()).toBe('Plain Forms Inc');
    expect(await field(page, 'en', 'issuer').inputValue()).toBe(provider.issuer);

    await field(page, 'en', 'domains').fill(`plain-${target.name}.test`);
    await field(page, 'en', 'clientSecret').fill(provider.clientSecret);
    await save(page, 'en');
    await page.waitForURL(/\/en\/admin\/sso\/[0-9a-f-]{36}\?done=saved$/);
    expect(await testConnection(page, 'en')).toBe(e.test.ok.replace('{endpoint}', `${provider.issuer}/auth`));
    await page.getByRole('link', { name: e.delete.link }).click();
    await page.getByRole('button', { name: e.delete.submit, exact: true }).click();
    await page.waitForURL('**/en/admin/sso?done=deleted');
  });

  it('shows each account\'s linked company identities on its admin page, each removable after confirming', async () => {
    const t = fr.AdminSso.identities;
    const member = e2eAccounts.ssoMember;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.ssoAdmin.email, 'fr');
    const id = await idOf(page, member.name);
    await page.goto(`/fr/admin/users/${id}`);
    await page.getByRole('heading', { name: t.title }).waitFor();
    expect(await page.getByText(t.none).count()).toBe(1);
    // Only PostgreSQL lets the test link an identity under the running site; a company sign-in would do the same.
    if (!target.databaseUrl) return;
    const sql = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [connection] = await sql<{ id: string }[]>`insert into sso_connections (name, issuer, client_id, client_secret_sealed) values ('Acme Liée', 'https://login.acme-liee.test', 'sesame', 'sealed') returning id`;
      await sql`insert into sso_identities (user_id, connection_id, subject, email) values (${id}, ${connection!.id}, 'acme-subject-1', 'mael@acme-liee.test')`;
    } finally {
      await sql.end();
    }
    await page.reload();
    const row = page.locator('tbody tr', { hasText: 'mael@acme-liee.test' });
    expect(await row.locator('td').allTextContents()).toEqual(['Acme Liée', 'mael@acme-liee.test', expect.any(String), t.never, t.remove]);
    await row.getByRole('link', { name: t.removeNamed.replace('{email}', 'mael@acme-liee.test') }).click();
    await page.waitForURL('**confirm=removeIdentity**');
    expect(await page.getByText(t.confirm.replace('{connection}', 'Acme Liée').replace('{email}', 'mael@acme-liee.test').replace('{name}', member.name)).count()).toBe(1);
    await page.getByRole('button', { name: t.remove, exact: true }).click();
    await page.waitForURL(`**/fr/admin/users/${id}?done=identityRemoved`);
    expect(await page.getByRole('status').first().textContent()).toBe(t.done);
    expect(await page.getByText(t.none).count()).toBe(1);
  });
});
