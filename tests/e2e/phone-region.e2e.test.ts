import postgres from 'postgres';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser, signIn } from './browser';
import { e2eAccounts } from './fixtures';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const countryLabel = { en: en.PhoneRegion.label, fr: fr.PhoneRegion.label };
// The options carry no value: the browser posts their text, whose flag names the country.
const chosenCountry = (country: Locator) => country.locator('option:checked').textContent();
const BELGIUM = { en: '🇧🇪 Belgium +32', fr: '🇧🇪 Belgique +32' };

describe.each(flowTargets())('phone numbers read in a chosen country on $name', ({ baseURL, databaseUrl }) => {
  it('fr: a French browser finds France preselected and signs in with 06 12 34 56 78', async () => {
    const page = await openPage(browser(), baseURL, { locale: 'fr-FR' });
    await page.goto('/fr/login');
    const country = page.getByLabel(countryLabel.fr, { exact: true });
    expect(await country.inputValue()).toBe('🇫🇷 France +33');
    expect(await chosenCountry(country)).toBe('🇫🇷 France +33');

    await signIn(page, 'fr', '06 12 34 56 78');
    await page.waitForURL('**/fr/account');
    expect(await page.locator('main').textContent()).toContain(e2eAccounts.phoneFr.name);
  });

  it('en: a Quebec browser finds Canada preselected, saves 514 555 0199 as its phone and signs in with it', async () => {
    const account = e2eAccounts.phoneQuebec;
    const page = await openPage(browser(), baseURL, { locale: 'fr-CA' });
    await page.goto('/en/login');
    const country = page.getByLabel(countryLabel.en, { exact: true });
    expect(await chosenCountry(country)).toBe('🇨🇦 Canada +1');

    await signIn(page, 'en', account.email);
    await page.waitForURL('**/en/account');
    expect(await chosenCountry(country)).toBe('🇨🇦 Canada +1');
    await page.getByLabel(en.Account.phone, { exact: true }).fill('514 555 0199');
    await page.getByRole('button', { name: en.Account.saveProfile }).click();
    await page.waitForURL('**/en/account?changed=profile');
    // Shown as stored, with its country preselected.
    expect(await page.getByLabel(en.Account.phone, { exact: true }).inputValue()).toBe('+1 514 555 0199');
    expect(await chosenCountry(country)).toBe('🇨🇦 Canada +1');
    if (databaseUrl) {
      const sql = postgres(databaseUrl, { max: 1 });
      const [row] = await sql`select phone from users where email = ${account.email}`;
      await sql.end();
      expect(row?.phone).toBe('+15145550199');
    }

    await page.getByRole('button', { name: en.Account.signOut }).click();
    await page.waitForURL('**/en/login?signedOut=1');
    expect(await chosenCountry(country)).toBe('🇨🇦 Canada +1');
    await signIn(page, 'en', '514 555 0199');
    await page.waitForURL('**/en/account');
  });

  it.each([
    { locale: 'fr', javaScriptEnabled: true, t: fr, belgium: '🇧🇪 Belgique +32' },
    { locale: 'en', javaScriptEnabled: false, t: en, belgium: '🇧🇪 Belgium +32' },
    { locale: 'fr', javaScriptEnabled: false, t: fr, belgium: '🇧🇪 Belgique +32' },
    { locale: 'en', javaScriptEnabled: true, t: en, belgium: '🇧🇪 Belgium +32' },
  ] as const)(
    '$locale: keeps the country chosen when the sign-in form sends it back with an error (JavaScript $javaScriptEnabled)',
    async ({ locale, javaScriptEnabled, t, belgium }) => {
      const page = await openPage(browser(), baseURL, { locale: 'en-US', javaScriptEnabled });
      await page.goto(`/${locale}/login`);
      const country = page.getByLabel(countryLabel[locale], { exact: true });
      await country.selectOption({ label: belgium });
      // Nothing typed in the identifier field: the form comes back with its error.
      await page.getByRole('button', { name: t.Login.continue }).click();
      await expect.poll(() => page.locator('#login-error').textContent()).toBe(t.Login.errors.identifierRequired);
      expect(await chosenCountry(country)).toBe(belgium);
    },
  );

  it('remembers the country chosen for the next visit, without JavaScript too', async () => {
    const page = await openPage(browser(), baseURL, { locale: 'en-US', javaScriptEnabled: false });
    await page.goto('/en/login');
    const country = page.getByLabel(countryLabel.en, { exact: true });
    expect(await chosenCountry(country)).toBe('🇺🇸 United States +1');
    await country.selectOption({ label: BELGIUM.en });
    // Both steps read the Belgian number alike: the password step carries the country.
    await signIn(page, 'en', '0470 12 34 56');
    await page.waitForURL('**/en/account');

    const cookie = (await page.context().cookies()).find((candidate) => candidate.name === 'sesame-phone-region');
    expect(cookie).toMatchObject({ value: 'BE', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 24 * 60 * 60);

    // The next visit, in either language, starts from it rather than from the browser's en-US.
    await page.goto('/fr/forgot-password');
    expect(await chosenCountry(page.getByLabel(countryLabel.fr, { exact: true }))).toBe(BELGIUM.fr);
    const stranger = await openPage(browser(), baseURL, { locale: 'en-US' });
    await stranger.goto('/fr/forgot-password');
    expect(await chosenCountry(stranger.getByLabel(countryLabel.fr, { exact: true }))).toBe('🇺🇸 États-Unis +1');
  });
});
