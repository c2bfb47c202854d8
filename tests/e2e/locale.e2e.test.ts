import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser } from './browser';
import { sharedTargets } from './targets';

const browser = sharedBrowser();

describe.each(sharedTargets())('locales on $name', ({ baseURL }) => {
  it('sends / to French when the browser prefers French', async () => {
    const page = await openPage(browser(), baseURL, { locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/fr/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
  });

  it('prefers the language cookie over Accept-Language, and falls back to English', async () => {
    const cookie = await fetch(`${baseURL}/`, {
      redirect: 'manual',
      headers: { 'Accept-Language': 'fr', Cookie: 'NEXT_LOCALE=en' },
    });
    expect(cookie.headers.get('location')).toMatch(/^(.*)?\/en$/);
    const unknown = await fetch(`${baseURL}/`, { redirect: 'manual', headers: { 'Accept-Language': 'de-DE,ja;q=0.5' } });
    expect(unknown.headers.get('location')).toMatch(/^(.*)?\/en$/);
  });

  it('keeps the page when switching language, and remembers the choice', async () => {
    const page = await openPage(browser(), baseURL, { locale: 'en-US' });
    await page.goto('/en/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL('**/fr/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/fr/login');
  });

  it('keeps the query when switching language, so a link’s page stays that link’s page', async () => {
    const page = await openPage(browser(), baseURL);
    await page.goto('/en/reset-password?token=abc_DEF-123');
    const french = page.getByRole('link', { name: 'Français' });
    expect(await french.getAttribute('href')).toBe('/fr/reset-password?token=abc_DEF-123');
    await page.goto('/fr/reset-password/code?sent=1');
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('href')).toBe('/en/reset-password/code?sent=1');
  });

  it('serves a favicon and shows the logo beside the site name', async () => {
    const favicon = await fetch(`${baseURL}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/icon/);
    const page = await openPage(browser(), baseURL);
    await page.goto('/fr/login');
    const logo = page.locator('header img');
    expect(await logo.getAttribute('alt')).toBe('');
    expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  });

  it('sends the browser its page, not the message catalogue', async () => {
    for (const [locale, words] of [['en', en], ['fr', fr]] as const) {
      const html = await (await fetch(`${baseURL}/${locale}/login`)).text();
      expect(html).toContain(words.Login.identifierLabel);
      // Words the sign-in page never shows, which a shipped catalogue would carry along.
      expect(html).not.toContain(words.Login.errors.deactivated);
      expect(html).not.toContain(words.Recovery.tokenProblems.expired);
    }
  });

  it('answers 404 for any other locale, reflecting nothing from the request', async () => {
    for (const path of ['/de/login', '/es', '/zz-ZZ/account?<script>x</script>']) {
      const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain('Page introuvable');
      expect(body).not.toContain(path.split('?')[0]);
      expect(body).not.toContain('script>x');
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it.each([
    ['fr', '/fr/nulle-part', 'Page introuvable'],
    ['en', '/en/nowhere/at/all', 'Page not found'],
  ] as const)('renders the not-found page on the server in %s, whole without JavaScript', async (locale, path, title) => {
    const response = await fetch(`${baseURL}${path}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(`<title>${title} · Sésame</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);

    const page = await openPage(browser(), baseURL, { javaScriptEnabled: false });
    await page.goto(path);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.title()).toBe(`${title} · Sésame`);
  });

  it('sends the security headers on every page', async () => {
    for (const path of ['/en/login', '/fr/account', '/fr/nulle-part']) {
      const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });
});
