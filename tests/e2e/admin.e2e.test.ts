import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdmin, idOf } from './admin-entry';
import { openPage, sharedBrowser, signIn, submitPassword } from './browser';
import { e2eAccounts } from './fixtures';
import { countEmailsTo, nextEmailTo } from './inbox';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const t = fr.Admin;

describe.each(flowTargets())('the admin area on $name', (target) => {
  it('lets a manager set a temporary password for their team, and nothing outside it', async () => {
    const page = await openPage(browser(), target.baseURL);
    await enterAdmin(target, page, e2eAccounts.managerFr.email);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.users.title);
    const names = await page.locator('tbody td a').allTextContents();
    expect(names).toContain(e2eAccounts.memberNord.name);
    expect(names).not.toContain(e2eAccounts.memberSud.name);
    expect(names).not.toContain(e2eAccounts.managerFr.name);

    const member = e2eAccounts.memberNord;
    const seen = await countEmailsTo(target, member.email);
    await page.getByRole('link', { name: member.name }).click();
    await page.waitForURL('**/fr/admin/users/*');
    const memberPage = page.url();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('trop court');
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill('trop court');
    await page.getByRole('button', { name: t.user.setPassword.submit }).click();
    await page.locator('#password-errors li').first().waitFor();
    const temporary = 'granite meadow lantern 73';
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(temporary);
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill(temporary);
    await page.getByRole('button', { name: t.user.setPassword.submit }).click();
    await page.waitForURL('**?done=setPasswordTemporary');
    expect(await page.getByRole('status').first().textContent()).toBe(t.user.setPassword.doneTemporary.replace('{name}', member.name));
    const notice = await nextEmailTo(target, member.email, seen);
    expect(notice.subject).toBe('Un administrateur a modifié votre compte Sésame');
    expect(notice.text).toContain('un mot de passe temporaire a été défini');

    // The member signs in with it and must choose their own at once.
    const memberBrowser = await openPage(browser(), target.baseURL);
    await signIn(memberBrowser, 'fr', member.email, temporary);
    await memberBrowser.waitForURL('**/fr/login/new-password**');

    // Another team's member, by address or by a form posted by hand: not found, nothing done.
    const admin = await openPage(browser(), target.baseURL);
    await enterAdmin(target, admin, e2eAccounts.adminFr.email);
    const outsider = await idOf(admin, e2eAccounts.memberSud.name);
    const response = await page.goto(memberPage.replace(/[^/]+$/, outsider));
    expect(response?.status()).toBe(404);
    const before = await countEmailsTo(target, e2eAccounts.memberSud.email);
    await page.goto(memberPage);
    await page.locator('input[name=userId]').first().evaluate((field, id) => ((field as HTMLInputElement).value = id), outsider);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(temporary);
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill(temporary);
    await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST'),
      page.getByRole('button', { name: t.user.setPassword.submit }).click(),
    ]);
    expect(page.url()).not.toContain('done=');
    expect(await countEmailsTo(target, e2eAccounts.memberSud.email)).toBe(before);
    const sud = await openPage(browser(), target.baseURL);
    await signIn(sud, 'fr', e2eAccounts.memberSud.email);
    await sud.waitForURL('**/fr/account');
  });

  it.each([
    { locale: 'fr' as const, locked: e2eAccounts.lockedSud, admin: e2eAccounts.adminFr, wrong: 'pas le bon mot de passe' },
    { locale: 'en' as const, locked: e2eAccounts.lockedEn, admin: e2eAccounts.unlockAdminEn, wrong: 'not the right password' },
  ])('lets an admin find an account a stranger paused with the Locked filter and unlock it, in $locale', async ({ locale, locked, admin, wrong }) => {
    const m = locale === 'fr' ? fr : en;
    const words = m.Admin;
    const siteName = m.Metadata.siteName;
    // Five wrong passwords from a stranger's browser pause the account, and its owner is told.
    const before = await countEmailsTo(target, locked.email);
    const stranger = await openPage(browser(), target.baseURL);
    await signIn(stranger, locale, locked.email, wrong);
    for (let attempt = 0; attempt < 4; attempt += 1) await submitPassword(stranger, `${wrong} ${attempt}`);
    expect((await nextEmailTo(target, locked.email, before)).subject).toBe(m.Emails.accountLocked.subject.replace('{siteName}', siteName));

    const page = await openPage(browser(), target.baseURL);
    await enterAdmin(target, page, admin.email, locale);
    await page.getByLabel(words.users.state, { exact: true }).selectOption({ label: words.states.locked });
    await page.getByRole('button', { name: words.users.apply }).click();
    await page.waitForURL('**state=locked**');
    await page.getByRole('link', { name: locked.name }).click();
    expect(await page.locator('[data-state]').textContent()).toBe(words.states.locked);
    await page.getByRole('link', { name: words.user.ops.unlock.label }).click();
    expect(await page.getByRole('heading', { name: words.user.confirmTitle }).count()).toBe(1);
    await page.getByRole('button', { name: words.user.ops.unlock.label }).click();
    await page.waitForURL('**?done=unlock');
    expect(await page.locator('[data-state]').textContent()).toBe(words.states.active);
    // Unlocked, the account is no longer under the filter.
    await page.goto(`/${locale}/admin/users?state=locked`);
    expect(await page.getByRole('link', { name: locked.name }).count()).toBe(0);
    // The owner hears it in their language; sign-in works again.
    expect((await nextEmailTo(target, locked.email, before + 1)).text).toContain(m.Emails.adminNotice.events.unlocked);
    const owner = await openPage(browser(), target.baseURL);
    await signIn(owner, locale, locked.email);
    await owner.waitForURL(`**/${locale}/account`);
    if (target.databaseUrl) {
      const sql = postgres(target.databaseUrl, { max: 1 });
      const events = await sql`select event from audit_events where target_user_id = (select id from users where email = ${locked.email}) and event like 'admin.%'`;
      await sql.end();
      expect(events.map((row) => row.event)).toEqual(['admin.unlocked']);
    }
  });

  it('is the same "not found" as a missing page for a plain user', async () => {
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, 'fr', e2eAccounts.memberSud.email);
    await page.waitForURL('**/fr/account');
    const response = await page.goto('/fr/admin/users');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(fr.NotFound.title);
  });
});
