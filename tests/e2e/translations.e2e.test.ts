import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frenchSpacing } from '@/lib/i18n/typography';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts, type E2eTarget } from './fixtures';
import { countEmailsTo, nextEmailTo } from './inbox';
import { startSession } from './session';
import { flowTargets } from './targets';

const browser = sharedBrowser();

/** Signs an editor in; the admin area opens on the translations, the only screen they have. */
async function enterTranslations(target: E2eTarget, page: Page, email: string, locale: 'en' | 'fr') {
  await startSession(target, page, email);
  await page.goto(`/${locale}/admin`);
  await page.waitForURL(`**/${locale}/admin/translations`);
}

/** The French reset email a visitor gets now, from the forgot-password page. */
async function frenchResetEmail(target: E2eTarget, page: Page) {
  const { email } = e2eAccounts.wordsReader;
  const seen = await countEmailsTo(target, email);
  await page.goto('/fr/forgot-password');
  await page.getByLabel(fr.Recovery.identifierLabel).fill(email);
  await page.getByRole('button', { name: fr.ForgotPassword.submit }).click();
  await page.waitForURL('**/fr/reset-password/code?sent=1');
  return nextEmailTo(target, email, seen);
}

const confirmAndWait = async (page: Page, link: string, done: string) => {
  await page.getByRole('link', { name: link, exact: true }).first().click();
  await page.locator('.confirm').getByRole('button', { name: link, exact: true }).click();
  await page.waitForURL(`**done=${done}`);
};

/**
 * Another editor, signed in in a browser of their own and in their language, approves a
 * sensitive text's draft (sign-in pages and emails): its author cannot publish it.
 */
async function approveAs(target: E2eTarget, reviewer: { email: string }, locale: 'en' | 'fr', key: string) {
  const t = { en, fr }[locale].Admin.translations;
  const page = await openPage(browser(), target.baseURL);
  await enterTranslations(target, page, reviewer.email, locale);
  await page.goto(`/${locale}/admin/translations/edit?key=${encodeURIComponent(key)}`);
  expect(await page.getByText(t.sensitive).count()).toBe(1);
  await confirmAndWait(page, t.approve, 'approved');
  expect(await page.getByRole('status').first().textContent()).toBe(t.done.approved);
  await page.context().close();
}

describe.each(flowTargets())('the translation editor on $name', (target) => {
  it.each(['en', 'fr'] as const)('%s: lays the list out across a 1280 px window, 200 texts a page, and goes from one text to the next by keyboard', async (locale) => {
    const t = { en, fr }[locale].Admin.translations;
    const page = await openPage(browser(), target.baseURL, { viewport: { width: 1280, height: 800 } });
    await enterTranslations(target, page, e2eAccounts.editorEn.email, locale);

    // Each column's heading on one line: its content no taller than one of its lines.
    const headings = await page.locator('.translations-table').first().locator('th').evaluateAll((cells) =>
      cells.map((cell) => {
        const style = getComputedStyle(cell);
        const content = cell.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return { text: cell.textContent, lines: Math.round(content / parseFloat(style.lineHeight)) };
      }),
    );
    expect(headings.map(({ text }) => text)).toEqual([t.columns.key, t.columns.en, t.columns.fr, t.columns.state]);
    for (const heading of headings) expect(heading, heading.text ?? '').toMatchObject({ lines: 1 });
    expect(await page.locator('.translations-table tbody tr').count()).toBe(200);

    // The slider narrows the key column.
    const keyColumn = page.locator('.translations-table .key-column').first();
    const before = (await keyColumn.boundingBox())!.width;
    await page.getByLabel(t.keyWidth).focus();
    for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await keyColumn.boundingBox())!.width).toBeLessThan(before);

    // From the list to a text, then to the next and back, with the keyboard only.
    const keys = await page.locator('.translations-table tbody tr td:first-child code').evaluateAll((codes) => codes.slice(0, 2).map((code) => code.textContent!));
    await page.getByRole('link', { name: t.editLabel.replace('{key}', keys[0]!) }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/${locale}/admin/translations/edit?key=${encodeURIComponent(keys[0]!)}`);
    await page.getByRole('link', { name: t.nextText.replace('{key}', keys[1]!) }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/${locale}/admin/translations/edit?key=${encodeURIComponent(keys[1]!)}`);
    expect(await page.locator('h1').textContent()).toBe(keys[1]);
    await page.getByRole('link', { name: t.previousText.replace('{key}', keys[0]!) }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/${locale}/admin/translations/edit?key=${encodeURIComponent(keys[0]!)}`);
  });

  it('lets a French editor fix a sentence of the reset email, preview it in both languages, and an English editor approve it into the next email, with no restart', async () => {
    const t = fr.Admin.translations;
    const key = 'Emails.passwordReset.notYou';
    const typed = 'Pas vous ? Ignorez ce courriel : rien n’a changé.';
    const fixed = frenchSpacing(typed);
    const page = await openPage(browser(), target.baseURL);
    await enterTranslations(target, page, e2eAccounts.editorFr.email, 'fr');

    await page.getByLabel(t.search).fill('passwordReset.notYou');
    await page.getByRole('button', { name: t.searchButton }).click();
    await page.getByRole('link', { name: t.editLabel.replace('{key}', key) }).click();
    await page.waitForURL('**/fr/admin/translations/edit?key=*');

    // A placeholder-free sentence cannot gain markup: the editor is told why, and keeps the text.
    const field = page.getByLabel(t.value.replace('{language}', t.languages.fr), { exact: true });
    await field.fill('Pas vous ? <b>Ignorez</b> ce courriel.');
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await expect.poll(() => page.locator('#value-fr-errors').textContent()).toBe(t.problems.extra.replace('{names}', '<b>'));
    expect(await field.inputValue()).toBe('Pas vous ? <b>Ignorez</b> ce courriel.');

    // Nor can it gain a web address or a phone number that the shipped text does not have.
    await field.fill('URGENT : sécurisez votre compte sur https://evil.example ou appelez le +1 555 0100');
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await expect.poll(() => page.locator('#value-fr-errors').textContent()).toBe(t.problems.contactDetails.replace('{names}', 'https://evil.example, 15550100'));

    await field.fill(typed);
    await page.getByLabel(t.typography).check();
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await page.waitForURL('**done=saved');
    expect(await page.getByRole('status').first().textContent()).toBe(t.done.saved);

    // Both languages side by side, through the real template, with the draft and as sent now.
    const preview = (name: string) => page.locator(`iframe[data-preview="${name}"]`).getAttribute('srcdoc');
    expect(await preview('after-fr')).toContain(fixed);
    expect(await preview('after-en')).toContain(en.Emails.passwordReset.notYou.split(':')[0]);
    expect(await preview('before-fr')).not.toContain('Pas vous');

    // Not published yet: a visitor's email still has the shipped sentence.
    const visitor = await openPage(browser(), target.baseURL);
    const before = await frenchResetEmail(target, visitor);
    expect(before.text).not.toContain('Pas vous');

    // A security email's text: its author cannot publish it; an English-speaking editor approves it.
    expect(await page.getByText(t.sensitive).count()).toBe(1);
    expect(await page.getByRole('link', { name: t.publish, exact: true }).count()).toBe(0);
    expect(await page.getByText(t.awaitingApproval).count()).toBe(1);
    const adminSeen = await countEmailsTo(target, e2eAccounts.adminFr.email);
    await approveAs(target, e2eAccounts.editorEn, 'en', key);
    const after = await frenchResetEmail(target, visitor);
    expect(after.text).toContain(fixed);
    // Every admin is told, in their language, with the new text.
    const told = await nextEmailTo(target, e2eAccounts.adminFr.email, adminSeen);
    expect(told.subject).toBe(fr.Emails.sensitiveTextPublished.subject.replace('{siteName}', 'Sésame'));
    expect(told.text).toContain(fixed);

    // The history keeps who did what, and who approved; the shipped text comes back on request.
    await page.reload();
    const history = page.locator('table');
    expect(await history.textContent()).toContain(e2eAccounts.editorFr.name);
    expect(await history.locator('tr', { hasText: t.kinds.approved }).textContent()).toContain(e2eAccounts.editorEn.name);
    await confirmAndWait(page, t.revert, 'reverted');
    expect(await page.getByRole('status').first().textContent()).toBe(t.done.reverted);
  });

  it('works in English too, and shows whatever an editor publishes on a page as text', async () => {
    const t = en.Admin.translations;
    const page = await openPage(browser(), target.baseURL);
    await enterTranslations(target, page, e2eAccounts.editorEn.email, 'en');
    expect(await page.locator('h1').textContent()).toBe(t.title);

    await page.goto('/en/admin/translations/edit?key=Emails.passwordReset.subject');
    const field = page.getByLabel(t.value.replace('{language}', t.languages.en), { exact: true });
    await field.fill('Reset your password');
    await page.getByRole('button', { name: t.save }).first().click();
    await expect.poll(() => page.locator('#value-en-errors').textContent()).toBe(t.problems.missing.replace('{names}', '{siteName}'));
    expect(await field.inputValue()).toBe('Reset your password');
    await field.fill('Choose a new {siteName} password');
    await page.getByRole('button', { name: t.save }).first().click();
    await page.waitForURL('**done=saved');
    expect(await page.locator('iframe[data-preview="after-en"]').getAttribute('title')).toBe('Password reset link and code in English');
    await confirmAndWait(page, t.discard, 'discarded');

    await page.goto('/en/admin/translations/edit?key=CantSignIn.title');
    const title = page.getByLabel(t.value.replace('{language}', t.languages.en), { exact: true });
    // (Not "window.hacked": a sign-in page's text cannot gain what reads as a host name.)
    await title.fill("Trouble signing in '<script>'hacked = 1'</script>'");
    await page.getByRole('button', { name: t.save }).first().click();
    await page.waitForURL('**done=saved');
    // The help page side by side with the draft, as text, in English only: French keeps its own.
    const framed = (language: string) => page.frameLocator(`iframe[data-preview="page-${language}"]`).locator('h1');
    await expect.poll(() => framed('en').textContent()).toBe('Trouble signing in <script>hacked = 1</script>');
    expect(await framed('fr').textContent()).toBe(fr.CantSignIn.title);
    // A draft is for editors only.
    const visitor = await openPage(browser(), target.baseURL);
    await visitor.goto('/en/help/cant-sign-in');
    expect(await visitor.locator('h1').textContent()).toBe(en.CantSignIn.title);

    await approveAs(target, e2eAccounts.editorFr, 'fr', 'CantSignIn.title');
    await visitor.goto('/en/help/cant-sign-in');
    expect(await visitor.locator('h1').textContent()).toBe('Trouble signing in <script>hacked = 1</script>');
    expect(await visitor.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

    // The approval happened in another browser: this page learns of it on its next load.
    await page.reload();
    await confirmAndWait(page, t.revert, 'reverted');
    await visitor.goto('/en/help/cant-sign-in');
    expect(await visitor.locator('h1').textContent()).toBe(en.CantSignIn.title);
  });

  it('works without JavaScript: list filters, a refused draft explained with the text kept, a saved one discarded', async () => {
    const t = fr.Admin.translations;
    const page = await openPage(browser(), target.baseURL, { javaScriptEnabled: false });
    await enterTranslations(target, page, e2eAccounts.editorFr.email, 'fr');
    await page.getByRole('link', { name: t.filters.draft.replace('{count}', '0') }).click();
    await page.waitForURL('**/fr/admin/translations?filter=draft');
    expect(await page.getByText(t.none).count()).toBe(1);

    await page.goto('/fr/admin/translations/edit?key=Login.title');
    const field = page.getByLabel(t.value.replace('{language}', t.languages.fr), { exact: true });
    await field.fill('Connexion {oups');
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await page.locator('#value-fr-errors li').waitFor();
    expect(await page.locator('#value-fr-errors').textContent()).toBe(t.problems.syntax);
    expect(await field.inputValue()).toBe('Connexion {oups');
    await field.fill('Se connecter à Sésame');
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await page.waitForURL('**done=saved');

    // The sign-in page in both languages, side by side, with the draft — as a visitor sees it,
    // not redirected to the editor's own account — while visitors still get the published title.
    const framed = (language: string) => page.frameLocator(`iframe[data-preview="page-${language}"]`).locator('h1');
    await expect.poll(() => framed('fr').textContent()).toBe('Se connecter à Sésame');
    expect(await framed('en').textContent()).toBe(en.Login.title);
    expect(await page.locator('iframe[data-preview="page-fr"]').getAttribute('title')).toBe(t.pagePreviewFrame.replace('{language}', t.languages.fr));
    const visitor = await openPage(browser(), target.baseURL);
    await visitor.goto('/fr/login');
    expect(await visitor.locator('h1').textContent()).toBe(fr.Login.title);
    // The frame's address is no key for anyone else: without the editor's pass it is the live page.
    const framedAddress = await page.locator('iframe[data-preview="page-fr"]').getAttribute('src');
    // Only this site may frame the previewed page; every other page refuses any frame.
    const framedHeaders = (await page.request.get(framedAddress!)).headers();
    expect([framedHeaders['x-frame-options'], framedHeaders['content-security-policy']]).toEqual(['SAMEORIGIN', expect.stringContaining("frame-ancestors 'self'")]);
    const liveHeaders = (await visitor.request.get('/fr/login')).headers();
    expect([liveHeaders['x-frame-options'], liveHeaders['content-security-policy']]).toEqual(['DENY', expect.stringContaining("frame-ancestors 'none'")]);
    await visitor.goto(framedAddress!.replace(/translation-preview=[^&]+/, 'translation-preview=forged'));
    expect(await visitor.locator('h1').textContent()).toBe(fr.Login.title);
    // The real address, forwarded to someone else, shows them nothing either: the pass belongs
    // to the editor's session, and this browser has none.
    await visitor.goto(framedAddress!);
    expect(await visitor.locator('h1').textContent()).toBe(fr.Login.title);

    await confirmAndWait(page, t.discard, 'discarded');
    await page.reload();
    await expect.poll(() => framed('fr').textContent()).toBe(fr.Login.title);
  });

  it('takes an agency’s file back with a report for each text, publishes it all, rolls back to an earlier text and exports what is published', async () => {
    const t = fr.Admin.translations;
    const page = await openPage(browser(), target.baseURL);
    await enterTranslations(target, page, e2eAccounts.editorFr.email, 'fr');
    const help = await openPage(browser(), target.baseURL);
    const helpIntro = async () => {
      await help.goto('/fr/help/cant-sign-in');
      return help.locator('main p').first().textContent();
    };
    expect(await helpIntro()).toBe(fr.CantSignIn.intro);

    const agency = { fr: { CantSignIn: { intro: 'Texte de l’agence, première version.', locked: 'Connexion suspendue.' } } };
    await page.getByLabel(t.importFile).setInputFiles({ name: 'agence.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(agency)) });
    await page.getByRole('button', { name: t.importButton }).click();
    const report = page.locator('section[aria-live] table');
    await report.waitFor();
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringContaining(t.importStatus.saved),
      expect.stringContaining(t.problems.missing.replace('{names}', '{minutes}')),
    ]);
    expect(rows[0]).toContain('CantSignIn.intro');
    expect(rows[1]).toContain(t.importStatus.invalid);

    // Imported texts are drafts until someone publishes them.
    expect(await helpIntro()).toBe(fr.CantSignIn.intro);
    // The help page is for people who cannot sign in: "publish all" leaves its texts to be approved.
    await page.goto('/fr/admin/translations?confirm=publishAll');
    await page.locator('.confirm').getByRole('button', { name: t.publishAll }).click();
    await page.waitForURL('**problem=allAwaitApproval**');
    expect(await page.getByRole('status').first().textContent()).toBe((t.problem.allAwaitApproval.replace(/\{count, plural, one \{([^}]*)\} other \{[^}]*\}\}/, '$1')));
    expect(await helpIntro()).toBe(fr.CantSignIn.intro);
    await approveAs(target, e2eAccounts.editorEn, 'en', 'CantSignIn.intro');
    expect(await helpIntro()).toBe(agency.fr.CantSignIn.intro);

    await page.goto('/fr/admin/translations/edit?key=CantSignIn.intro');
    await page.getByLabel(t.value.replace('{language}', t.languages.fr), { exact: true }).fill('Deuxième version.');
    await page.getByRole('button', { name: t.save }).nth(1).click();
    await page.waitForURL('**done=saved');
    await approveAs(target, e2eAccounts.editorEn, 'en', 'CantSignIn.intro');
    await page.reload();
    expect(await helpIntro()).toBe('Deuxième version.');

    // Back to the agency's text, from the history row that published it.
    const agencyRow = page.locator('tr', { hasText: t.kinds.approved }).filter({ hasText: agency.fr.CantSignIn.intro }).last();
    await agencyRow.getByRole('link', { name: t.rollbackTo }).click();
    await page.locator('.confirm').getByRole('button', { name: t.rollbackTo }).click();
    await page.waitForURL('**done=rolledBack');
    expect(await helpIntro()).toBe(agency.fr.CantSignIn.intro);

    const exported = await page.request.get('/fr/admin/translations/export');
    expect(exported.headers()['content-disposition']).toContain('attachment');
    const published = await exported.json();
    expect(published).toMatchObject({ fr: { CantSignIn: { intro: agency.fr.CantSignIn.intro } } });
    expect(published.fr.CantSignIn.locked).toBeUndefined();

    await confirmAndWait(page, t.revert, 'reverted');
    expect(await helpIntro()).toBe(fr.CantSignIn.intro);
  });

  it('answers "not found" to a plain user', async () => {
    const page = await openPage(browser(), target.baseURL);
    await startSession(target, page, e2eAccounts.wordsReader.email);
    for (const path of ['/fr/admin/translations', '/fr/admin/translations/edit?key=Login.title']) {
      expect([path, (await page.goto(path))?.status()]).toEqual([path, 404]);
    }
    // The download is not a page: asked for with the user's cookies, it is refused all the same.
    const download = await page.request.get('/fr/admin/translations/export');
    expect(download.status()).toBe(404);
  });
});
