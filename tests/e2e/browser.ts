import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { E2E_PASSWORD } from './fixtures';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Contexts opened since the last test ended: each keeps a renderer alive, and a file of a
// hundred tests that left them open ran three times slower by its end.
const openContexts: BrowserContext[] = [];

/** One Debian Chromium per test file; each test opens its own contexts (own cookies), closed after it. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    await Promise.all(openContexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('browser not started');
    return browser;
  };
}

export async function openPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...options });
  openContexts.push(context);
  return context.newPage();
}

/** Both steps of the sign-in form, as a person does them. */
export async function signIn(page: Page, locale: 'en' | 'fr', identifier: string, password = E2E_PASSWORD) {
  const labels = {
    en: { identifier: 'Email, username or phone number', next: 'Continue', password: 'Password', submit: 'Sign in' },
    fr: { identifier: 'E-mail, nom d’utilisateur ou numéro de téléphone', next: 'Continuer', password: 'Mot de passe', submit: 'Se connecter' },
  }[locale];
  if (!page.url().includes(`/${locale}/login`)) await page.goto(`/${locale}/login`);
  await page.getByLabel(labels.identifier).fill(identifier);
  await page.getByRole('button', { name: labels.next }).click();
  await submitPassword(page, password);
}

/** Submits the password step and waits until the answer is on the page. */
export async function submitPassword(page: Page, password: string) {
  await page.locator('input[type=password]').fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.locator('button[type=submit]').click(),
  ]);
  await page.locator('button[type=submit]:not([disabled])').first().waitFor();
}

/** The sign-in form's error line. */
export function formError(page: Page) {
  return page.locator('#login-error');
}
