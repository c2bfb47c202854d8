import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession } from './admin-entry';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts, MANY_ACCOUNTS } from './fixtures';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const catalogues = { en, fr } as const;
// French puts a no-break space before the colon; the page and the catalogue agree on it.
const problemText = (m: typeof en, field: string, problem: string) => m.Admin.jobs.problem.replace('{field}', field).replace('{problem}', problem);

/**
 * Waits for the job's page to say it finished: with JavaScript the page refreshes itself;
 * without, the person follows the refresh link, as this does whenever it is there.
 */
async function waitForJobEnd(page: Page, m: typeof en, javaScript: boolean) {
  await expect
    .poll(
      async () => {
        const status = await page.locator('#job-status').textContent();
        if (status !== m.Admin.jobs.status.done && !javaScript) {
          await page.getByRole('link', { name: m.Admin.jobs.refresh }).click();
          await page.waitForLoadState();
        }
        return status;
      },
      { timeout: 120_000, interval: 500 },
    )
    .toBe(m.Admin.jobs.status.done);
}

describe.each(flowTargets())('jobs on many accounts on $name', (target) => {
  it.each([
    { locale: 'fr' as const, account: e2eAccounts.jobsAdminFr, javaScript: true },
    { locale: 'en' as const, account: e2eAccounts.jobsAdminEn, javaScript: false },
  ])('deactivates a filtered list with a progress bar to its end, and reports an import’s bad lines ($locale, JavaScript: $javaScript)', async ({ locale, account, javaScript }) => {
    const m = catalogues[locale];
    const page = await openPage(browser(), target.baseURL, { javaScriptEnabled: javaScript });
    await enterAdminWithSession(target, page, account.email, locale);

    // The list's filter, carried to the bulk page, then confirmed with how many it will touch.
    const tag = MANY_ACCOUNTS.tags[locale];
    await page.goto(`/${locale}/admin/users?${new URLSearchParams({ q: tag })}`);
    await page.getByRole('link', { name: m.Admin.bulk.link }).click();
    await page.waitForURL(`**/${locale}/admin/users/bulk?q=*`);
    await page.getByRole('link', { name: m.Admin.bulk.operations.deactivate.label }).click();
    const confirm = page.getByRole('region', { name: m.Admin.bulk.confirmTitle });
    expect(await confirm.locator('p').first().textContent()).toMatch(new RegExp(`\\b${MANY_ACCOUNTS.perTag}\\b`));
    await confirm.getByRole('button', { name: m.Admin.bulk.operations.deactivate.submit }).click();
    await page.waitForURL(`**/${locale}/admin/jobs/*`);

    const progress = page.getByRole('progressbar', { name: m.Admin.jobs.progressLabel });
    expect(await progress.getAttribute('max')).toBe(String(MANY_ACCOUNTS.perTag));
    await waitForJobEnd(page, m, javaScript);
    expect(await progress.getAttribute('value')).toBe(String(MANY_ACCOUNTS.perTag));
    expect(await page.locator('#job-progress-text').textContent()).toMatch(new RegExp(`${MANY_ACCOUNTS.perTag}.*${MANY_ACCOUNTS.perTag}`));
    expect(await page.getByRole('listitem').filter({ hasText: String(MANY_ACCOUNTS.perTag) }).count()).toBe(1);

    // Every account of the filter is deactivated now; the others are not.
    await page.goto(`/${locale}/admin/users?${new URLSearchParams({ q: tag, state: 'active' })}`);
    expect(await page.locator('tbody tr').count()).toBe(0);

    // An import with two bad lines: the good ones are created, the bad ones named by line.
    const csv = [
      'email,name,locale',
      `import.${locale}.one@example.com,One,fr`,
      'not an address,Two,en',
      `import.${locale}.three@example.com,Three,en`,
      `import.${locale}.four@example.com,Four,de`,
      `import.${locale}.five@example.com,"Five, Esq.",en`,
    ].join('\n');
    await page.goto(`/${locale}/admin/users/import`);
    await page.getByLabel(m.Admin.import.file).setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: m.Admin.import.submit }).click();
    await page.waitForURL(`**/${locale}/admin/jobs/*`);
    await waitForJobEnd(page, m, javaScript);
    const problems = page.getByRole('region', { name: m.Admin.jobs.problemsTitle }).locator('tbody tr');
    expect(await problems.locator('td:nth-child(1)').allTextContents()).toEqual(['3', '5']);
    expect(await problems.locator('td:nth-child(2)').allTextContents()).toEqual([
      problemText(m, m.Admin.jobs.fields.email, m.Admin.jobs.codes.invalid),
      problemText(m, m.Admin.jobs.fields.locale, m.Admin.jobs.codes.invalid),
    ]);
    await page.goto(`/${locale}/admin/users?${new URLSearchParams({ q: `import.${locale}.` })}`);
    expect(await page.locator('tbody tr').count()).toBe(3);
  });
});
