import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import fr from '../../messages/fr.json';
import { signIn } from './browser';
import { E2E_PASSWORD, type E2eTarget } from './fixtures';
import { codeIn, countEmailsTo, nextEmailTo } from './inbox';

/**
 * Signs in an admin or manager and enters the admin area: with an emailed code once 2-step
 * verification is on, and turning emailed codes on first when the area asks for it.
 */
export async function enterAdmin(target: E2eTarget, page: Page, email: string) {
  await signIn(page, 'fr', email);
  await page.waitForURL(/\/fr\/(account|login\/verify)/);
  if (page.url().includes('/login/verify')) {
    const seen = await countEmailsTo(target, email);
    await page.getByRole('button', { name: fr.Verify.email.send }).click();
    await page.waitForURL('**email=sent**');
    const code = codeIn(await nextEmailTo(target, email, seen));
    const form = page.locator('form', { has: page.getByLabel(fr.Verify.email.label, { exact: true }) });
    await form.getByLabel(fr.Verify.email.label, { exact: true }).fill(code);
    await form.getByRole('button', { name: fr.Verify.submit }).click();
    await page.waitForURL('**/fr/account');
  }
  await page.goto('/fr/admin');
  if (page.url().includes('/account/two-step')) {
    // The policy: no admin area without 2-step verification; the person is led to turn it on.
    expect(new URL(page.url()).search).toBe('?required=admin');
    expect(await page.getByRole('status').first().textContent()).toBe(fr.TwoStep.requiredForAdmin);
    await page.locator('#email-on-password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: fr.TwoStep.email.turnOn }).click();
    await page.getByRole('button', { name: fr.TwoStep.codes.done }).click();
    await page.waitForURL('**/fr/account/two-step');
    await page.goto('/fr/admin');
  }
  await page.waitForURL('**/fr/admin/users');
}

/** An account's id, found through the admin users list by its name. */
export async function idOf(page: Page, name: string): Promise<string> {
  await page.goto(`/fr/admin/users?${new URLSearchParams({ q: name })}`);
  const href = await page.getByRole('link', { name }).getAttribute('href');
  return href!.split('/').at(-1)!;
}
