import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession } from './admin-entry';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts } from './fixtures';
import { VOLUME_ACCOUNTS, VOLUME_TEAM } from './volume';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const catalogues = { en, fr } as const;
const admins = { en: e2eAccounts.pagingAdminEn, fr: e2eAccounts.pagingAdminFr } as const;
// The seeded team's active accounts (7 in 10).
const ACTIVE = (VOLUME_ACCOUNTS * 7) / 10;

/** The rows of the page shown: name, state and team of each. */
async function rowsOf(page: Page) {
  return page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

describe.each(flowTargets())('the users list of a large team on $name', (target) => {
  it.each(['fr', 'en'] as const)('pages forward and back through a filtered list by cursor (%s)', async (locale) => {
    const m = catalogues[locale];
    const t = m.Admin.users;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, admins[locale].email, locale);
    await page.goto(`/${locale}/admin/users`);
    await page.getByLabel(t.state, { exact: true }).selectOption({ label: m.Admin.states.active });
    await page.getByLabel(t.team, { exact: true }).selectOption({ label: VOLUME_TEAM });
    await page.getByLabel(t.sort, { exact: true }).selectOption({ label: t.sorts.created });
    await page.getByRole('button', { name: t.apply }).click();
    await page.waitForURL('**/admin/users?**state=active**');

    const count = new Intl.NumberFormat(locale).format(ACTIVE);
    expect((await page.locator('p.muted').textContent())?.replace(/\s/g, ' ')).toBe(`${count} ${locale === 'fr' ? 'personnes' : 'people'}`.replace(/\s/g, ' '));
    const pager = page.getByRole('navigation', { name: t.pagination });
    expect(await pager.getByRole('link').allTextContents()).toEqual([t.next]);

    const seen: string[][][] = [await rowsOf(page)];
    for (let step = 0; step < 3; step += 1) {
      await pager.getByRole('link', { name: t.next }).click();
      await page.waitForURL('**after=**');
      seen.push(await rowsOf(page));
    }
    // Sealed places: no address or name travels in the links.
    expect(page.url()).not.toMatch(/volume|example/i);
    const names = seen.flat().map((row) => row[0]!);
    expect(new Set(names).size).toBe(25 * 4);
    for (const row of seen.flat()) expect([row[2], row[3]]).toEqual([m.Admin.states.active, VOLUME_TEAM]);
    // Newest first: the seeded accounts were created a minute apart, number 1 last.
    const numbers = names.map((name) => Number(name.split(' ').at(-1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    for (let back = seen.length - 2; back >= 0; back -= 1) {
      await pager.getByRole('link', { name: t.previous }).click();
      await page.waitForURL('**before=**');
      expect(await rowsOf(page)).toEqual(seen[back]);
    }
    // Back on the first page: nothing before it.
    expect(await pager.getByRole('link').allTextContents()).toEqual([t.next]);
    await page.close();
  });
});
