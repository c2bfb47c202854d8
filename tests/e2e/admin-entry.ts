import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { signIn } from './browser';
import { E2E_PASSWORD, type E2eTarget } from './fixtures';
import { codeIn, countEmailsTo, nextEmailTo } from './inbox';
import { startSession } from './session';

/**
 * Signs in an admin or manager and enters the admin area: with an emailed code once 2-step
 * verification is on, and turning emailed codes on first when the area asks for it.
 */
export async function enterAdmin(target: E2eTarget, page: Page, email: string, locale: 'en' | 'fr' = 'fr') {
  const m = locale === 'fr' ? fr : en;
  await signIn(page, locale, email);
  await page.waitForURL(new RegExp(`/${locale}/(account|login/verify)`));
  if (page.url().includes('/login/verify')) {
    const seen = await countEmailsTo(target, email);
    await page.getByRole('button', { name: m.Verify.email.send }).click();
    await page.waitForURL('**email=sent**');
    const code = codeIn(await nextEmailTo(target, email, seen));
    const form = page.locator('form', { has: page.getByLabel(m.Verify.email.label, { exact: true }) });
    await form.getByLabel(m.Verify.email.label, { exact: true }).fill(code);
    await form.getByRole('button', { name: m.Verify.submit }).click();
    await page.waitForURL(`**/${locale}/account`);
  }
  await page.goto(`/${locale}/admin`);
  if (page.url().includes('/account/two-step')) {
    // The policy: no admin area without 2-step verification; the person is led to turn it on.
    expect(new URL(page.url()).search).toBe('?required=admin');
    expect(await page.getByRole('status').first().textContent()).toBe(m.TwoStep.requiredForAdmin);
    await page.locator('#email-on-password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: m.TwoStep.email.turnOn }).click();
    await page.getByRole('button', { name: m.TwoStep.codes.done }).click();
    await page.waitForURL(`**/${locale}/account/two-step`);
    await page.goto(`/${locale}/admin`);
  }
  await page.waitForURL(`**/${locale}/admin/users`);
}

/**
 * Enters the admin area with a session started as the site starts one (session.ts), with
 * emailed codes on: for tests about the admin area, not the way into it, which `enterAdmin`
 * takes through the forms (admin.e2e, accessibility.e2e).
 */
export async function enterAdminWithSession(target: E2eTarget, page: Page, email: string, locale: 'en' | 'fr' = 'fr') {
  await startSession(target, page, email, { twoStep: true });
  await page.goto(`/${locale}/admin`);
  await page.waitForURL(`**/${locale}/admin/users`);
}

/** The id of the one account the users list shows for `name`. */
export async function idOf(page: Page, name: string, locale: 'en' | 'fr' = 'fr'): Promise<string> {
  await page.goto(`/${locale}/admin/users?${new URLSearchParams({ q: name })}`);
  const href = await page.getByRole('link', { name }).getAttribute('href');
  return href!.split('/').at(-1)!;
}
