import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { flattenCatalogue, type Catalogue } from '../../lib/i18n/catalogue';
import { runScript } from '../helpers/scripts';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD } from './fixtures';
import { startSite, type RunningSite } from './site';

// Every message of the catalogue published with a marker around it, on a site of this file's
// own: every word a page shows must then sit between markers. A word outside them was written
// into the code, or escaped the message source, and no editor could ever change it.

const browser = sharedBrowser();
const serverUrl = process.env.DATABASE_URL;
const OPEN = '⟦';
const CLOSE = '⟧';
const person = { email: 'marked.words@example.com', name: 'Marked Words', locale: 'en', password: E2E_PASSWORD };

let site: RunningSite;
let cleanup: () => Promise<void> = async () => {};

/** The words of the page's body outside every marked message, its data (the person's name and address) aside. */
function unmarkedWords(text: string): string[] {
  let rest = text;
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'g'), ' ');
  }
  for (const value of [person.email, person.name]) rest = rest.split(value).join(' ');
  return rest.split(/\s+/).filter((word) => /\p{L}/u.test(word));
}

/**
 * What the page shows in words, without the countries of the phone selector and the dates in
 * <time>: those words are the platform's (CLDR, in the page's language) for data, like the
 * person's name, not sentences an editor writes.
 */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (const data of document.querySelectorAll('select[name="phoneRegion"] option, time')) data.remove();
    return document.body.innerText;
  });
}

describe.skipIf(!serverUrl)('published overrides reach every word of the pages', () => {
  beforeAll(async () => {
    const name = `sesame_marked_${randomUUID().replaceAll('-', '')}`;
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url.toString(),
      AUTH_SECRET: 'marked-secret-marked-secret-marked-secret',
      TOTP_ENCRYPTION_KEY: 'ZTJlLXRvdHAta2V5LWUyZS10b3RwLWtleS1lMmUtMDE=',
      SEED_DEMO: 'false',
      // Only words are looked at here: emails are written to the log, not sent.
      EMAIL_TRANSPORT: 'log',
    };
    const folder = mkdtempSync(path.join(tmpdir(), 'sesame-marked-'));
    writeFileSync(path.join(folder, 'accounts.json'), JSON.stringify([person]));
    const imported = runScript('sesame', ['import-users', path.join(folder, 'accounts.json')], env);
    rmSync(folder, { recursive: true, force: true });
    if (imported.code !== 0) throw new Error(imported.stderr);
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const rows = (['en', 'fr'] as const).flatMap((locale) =>
      [...flattenCatalogue((locale === 'en' ? en : fr) as unknown as Catalogue)].map(([key, text]) => ({ locale, key, published: `${OPEN}${text}${CLOSE}` })),
    );
    await sql`insert into translation_overrides ${sql(rows, 'locale', 'key', 'published')}`;
    await sql`update translation_state set version = version + 1`;
    await sql.end();
    site = await startSite('marked words', env);
    cleanup = async () => {
      await site.stop();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }, 180_000);

  afterAll(() => cleanup());

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    it.each(['/login', '/forgot-password', '/forgot-password/access-code', '/magic-link', '/activate', '/help/cant-sign-in', '/no-such-page'])(
      '%s',
      async (pathname) => {
        const page = await openPage(browser(), site.baseURL);
        await page.goto(`/${locale}${pathname}`);
        expect(await page.title()).toMatch(new RegExp(`^${OPEN}`));
        expect(unmarkedWords(await shownText(page))).toEqual([]);
      },
    );

    it('the account pages', async () => {
      const page = await openPage(browser(), site.baseURL);
      await signIn(page, locale, person.email);
      await page.waitForURL(`**/${locale}/account`);
      for (const pathname of ['/account', '/account/password', '/account/two-step', '/account/sessions', '/account/activity', '/account/email', '/account/security-question']) {
        await page.goto(`/${locale}${pathname}`);
        expect([pathname, unmarkedWords(await shownText(page))]).toEqual([pathname, []]);
      }
    });
  });
});
