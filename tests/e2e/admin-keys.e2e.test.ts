import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession } from './admin-entry';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts, type E2eTarget } from './fixtures';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const words = { en, fr };
type Locale = keyof typeof words;

async function openUser(page: Page, locale: Locale, name: string) {
  await page.goto(`/${locale}/admin/users?${new URLSearchParams({ q: name })}`);
  await page.getByRole('link', { name }).click();
  await page.waitForURL(`**/${locale}/admin/users/*`);
}

/** Names a key, confirms it, and reads the secret the page shows once. */
async function createKey(page: Page, locale: Locale, keyName: string, script = true): Promise<string> {
  const t = words[locale].Admin.accessKeys;
  await page.getByLabel(t.create.name, { exact: true }).fill(keyName);
  await page.getByRole('button', { name: t.create.submit }).click();
  await page.waitForURL('**confirm=createKey**');
  await page.getByRole('button', { name: t.confirm.createButton }).click();
  return shownSecret(page, locale, script);
}

async function shownSecret(page: Page, locale: Locale, script = true): Promise<string> {
  const t = words[locale].Admin.accessKeys;
  await page.getByRole('heading', { name: t.secret.title }).waitFor();
  const secret = (await page.getByTestId('new-access-key').textContent())!.trim();
  expect(secret).toMatch(/^ssm_[A-Za-z0-9_-]{43}$/);
  // With JavaScript, a copy button; the key itself is plain selectable text either way.
  if (script) await page.getByRole('button', { name: t.secret.copy }).waitFor();
  else expect(await page.getByRole('button', { name: t.secret.copy }).count()).toBe(0);
  return secret;
}

/** "Done, I have copied it": after it, and after a reload, the secret is nowhere on the page. */
async function forgetSecret(page: Page, locale: Locale, secret: string) {
  const t = words[locale].Admin.accessKeys;
  await page.getByRole('button', { name: t.secret.done }).click();
  await page.getByRole('heading', { name: t.secret.title }).waitFor({ state: 'detached' });
  await page.reload();
  expect(await page.content()).not.toContain(secret.slice(4));
  expect(await page.locator('tbody').textContent()).toContain(`ssm_${secret.slice(4, 12)}…`);
}

async function callMe(target: E2eTarget, key: string, query = '') {
  const response = await fetch(`${target.baseURL}/api/v1/me${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
}

describe.each(flowTargets())('API access keys on $name', (target) => {
  it('lets an admin make a key in French, see it once, use it with the API, and revoke it', async () => {
    const t = fr.Admin.accessKeys;
    const holder = e2eAccounts.keyHolder;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.adminFr.email, 'fr');
    await openUser(page, 'fr', holder.name);
    await page.getByRole('heading', { name: t.title }).waitFor();

    // A name is required: the form says so in French and makes nothing.
    await page.getByLabel(t.create.name, { exact: true }).fill('   ');
    await page.getByRole('button', { name: t.create.submit }).click();
    await page.waitForURL('**confirm=createKey**');
    expect(await page.locator('#key-name-error').textContent()).toBe(t.errors.nameRequired);

    const key = await createKey(page, 'fr', 'Synchronisation paie');
    await forgetSecret(page, 'fr', key);
    const row = page.locator('tbody tr', { hasText: 'Synchronisation paie' });
    expect(await row.textContent()).toContain(t.never);

    const me = await callMe(target, key);
    expect(me.status).toBe(200);
    expect(me.cacheControl).toBe('no-store');
    expect(me.body).toMatchObject({ email: holder.email, name: holder.name, locale: 'fr', role: 'user', state: 'active' });
    expect((await callMe(target, key, `?key=${key}`)).body.error?.code).toBe('key_in_query');

    // Its use shows in the list, as a French date.
    await page.reload();
    expect(await row.textContent()).not.toContain(t.never);

    await row.getByRole('link', { name: t.revokeLabel.replace('{key}', 'Synchronisation paie') }).click();
    await page.waitForURL('**confirm=revokeKey**');
    await page.getByRole('button', { name: t.confirm.revokeButton }).click();
    await page.waitForURL('**done=keyRevoked**');
    expect(await page.getByRole('status').first().textContent()).toContain('Synchronisation paie');
    expect(await row.textContent()).toContain('Révoquée le');

    const refused = await callMe(target, key);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('invalid_key');

    // An address the API does not serve answers its JSON error, not the site's page.
    for (const path of ['/api/v1/users/extra', '/api/v1/nothing', '/api/v1']) {
      const unknown = await fetch(`${target.baseURL}${path}`, { method: path === '/api/v1' ? 'POST' : 'GET' });
      expect([path, unknown.status, unknown.headers.get('content-type')]).toEqual([path, 404, expect.stringContaining('application/json')]);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('lets an admin regenerate a key in English: the old one is refused, the new one works', async () => {
    const t = en.Admin.accessKeys;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.adminEn.email, 'en');
    await openUser(page, 'en', e2eAccounts.keyHolder.name);

    const old = await createKey(page, 'en', 'Badge reader');
    await forgetSecret(page, 'en', old);
    expect((await callMe(target, old)).status).toBe(200);

    const row = page.locator('tbody tr', { hasText: `ssm_${old.slice(4, 12)}` });
    await row.getByRole('link', { name: t.regenerateLabel.replace('{key}', 'Badge reader') }).click();
    await page.waitForURL('**confirm=regenerateKey**');
    await page.getByRole('button', { name: t.confirm.regenerateButton }).click();
    const renewed = await shownSecret(page, 'en');
    expect(renewed).not.toBe(old);
    await forgetSecret(page, 'en', renewed);

    expect((await callMe(target, old)).body.error?.code).toBe('invalid_key');
    expect((await callMe(target, renewed)).status).toBe(200);
  });

  it('works without JavaScript: name, confirm, copy by hand, done, revoke', async () => {
    const t = en.Admin.accessKeys;
    const page = await openPage(browser(), target.baseURL, { javaScriptEnabled: false });
    await enterAdminWithSession(target, page, e2eAccounts.adminEn.email, 'en');
    await openUser(page, 'en', e2eAccounts.keyHolder.name);
    const key = await createKey(page, 'en', 'Plain forms', false);
    await forgetSecret(page, 'en', key);
    expect((await callMe(target, key)).status).toBe(200);
    await page.getByRole('link', { name: t.revokeLabel.replace('{key}', 'Plain forms') }).click();
    await page.getByRole('button', { name: t.confirm.revokeButton }).click();
    await page.waitForURL('**done=keyRevoked**');
    expect((await callMe(target, key)).status).toBe(401);
  });
});
