import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession } from './admin-entry';
import { openPage, sharedBrowser, signIn } from './browser';
import { e2eAccounts } from './fixtures';
import { countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { flowTargets } from './targets';

const browser = sharedBrowser();

describe.each(flowTargets())('admin-issued credentials on $name', (target) => {
  it('lets an English admin create a French-speaking user, who is welcomed in French; a taken address is said, nothing typed is lost', async () => {
    const t = en.Admin.create;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.adminEn.email, 'en');
    await page.getByRole('link', { name: t.link }).click();
    await page.waitForURL('**/en/admin/users/new');

    await page.getByLabel(t.fields.name, { exact: true }).fill('Gaëlle Nouvelle');
    await page.getByLabel(t.fields.email, { exact: true }).fill(e2eAccounts.memberEn.email.toUpperCase());
    await page.getByLabel(t.fields.role, { exact: true }).selectOption({ label: en.Admin.roles.editor });
    await page.getByRole('combobox', { name: t.fields.language, exact: true }).selectOption('fr');
    await page.getByRole('button', { name: t.submit }).click();
    await expect.poll(() => page.locator('#email-errors').textContent()).toBe(t.errors.email.taken);
    expect(await page.getByLabel(t.fields.name, { exact: true }).inputValue()).toBe('Gaëlle Nouvelle');
    expect(await page.getByLabel(t.fields.role, { exact: true }).inputValue()).toBe('editor');

    const address = `gaelle.${Date.now()}@example.com`;
    await page.getByLabel(t.fields.email, { exact: true }).fill(address);
    await page.getByRole('button', { name: t.submit }).click();
    await page.waitForURL('**/en/admin/users/*?done=created');
    expect(await page.getByRole('status').first().textContent()).toBe(t.done.replace('{name}', 'Gaëlle Nouvelle').replace('{email}', address));
    expect(await page.locator('[data-state]').textContent()).toBe(en.Admin.states.pending);

    const welcome = await nextEmailTo(target, address, 0);
    expect(welcome.subject).toBe(fr.Emails.activation.subject.replace('{siteName}', 'Sésame'));
    expect(linkIn(welcome, '/fr/activate')).toContain('/fr/activate?token=');
  });

  it('emails an English member a random temporary password that only lets them choose their own', async () => {
    const t = en.Admin.user.ops.randomPassword;
    const member = e2eAccounts.memberEn;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.adminEn.email, 'en');
    await page.goto(`/en/admin/users?${new URLSearchParams({ q: member.name })}`);
    await page.getByRole('link', { name: member.name }).click();
    await page.getByRole('link', { name: t.label }).click();
    expect(await page.getByText(t.confirm.replace('{name}', member.name)).count()).toBe(1);
    const seen = await countEmailsTo(target, member.email);
    await page.getByRole('button', { name: t.label }).click();
    await page.waitForURL('**?done=randomPassword');
    expect(await page.getByRole('status').first().textContent()).toBe(t.done.replace('{name}', member.name));

    const email = await nextEmailTo(target, member.email, seen);
    expect(email.subject).toBe(en.Emails.temporaryPassword.subject.replace('{siteName}', 'Sésame'));
    const password = /^\s*([2-9A-HJ-NP-Z]{5}(?:-[2-9A-HJ-NP-Z]{5}){3})\s*$/m.exec(email.text)?.[1];
    expect(password).toBeDefined();
    // Not on the admin's screen: only the owner's mailbox has it.
    expect(await page.content()).not.toContain(password);

    const owner = await openPage(browser(), target.baseURL);
    await signIn(owner, 'en', member.email, password);
    await owner.waitForURL('**/en/login/new-password**');
  });

  it('gives a French manager a printable access code that lets a member without email back in once', async () => {
    const t = fr.Admin.user;
    const member = e2eAccounts.accessNord;
    const page = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, page, e2eAccounts.managerFr.email);
    await page.goto(`/fr/admin/users?${new URLSearchParams({ q: member.name })}`);
    await page.getByRole('link', { name: member.name }).click();
    const memberPage = page.url();
    await page.getByRole('link', { name: t.ops.accessCode.label }).click();
    await page.getByRole('button', { name: t.ops.accessCode.label }).click();
    await page.waitForURL('**?done=accessCode');
    const code = (await page.getByTestId('access-code').textContent())!;
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(await page.getByText(/\/fr\/forgot-password\/access-code/).count()).toBe(1);
    // Printed, the sheet is all there is.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(false);
    expect(await page.getByTestId('access-code').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: t.accessCode.done }).click();
    await page.waitForURL(memberPage);
    expect(await page.getByTestId('access-code').count()).toBe(0);

    const person = await openPage(browser(), target.baseURL);
    await person.goto('/fr/forgot-password');
    await person.getByRole('link', { name: fr.ForgotPassword.accessCodeLink }).click();
    await person.getByLabel(fr.Recovery.identifierLabel).fill(member.username);
    await person.getByLabel(fr.Recovery.accessCodeLabel, { exact: true }).fill('ABCD-EFGH-JKMN-PQRS');
    await person.getByRole('button', { name: fr.ForgotPassword.accessCodeSubmit }).click();
    await expect.poll(() => person.locator('#form-error').textContent()).toBe(fr.Recovery.errors.accessCodeInvalid);
    expect(await person.getByLabel(fr.Recovery.identifierLabel).inputValue()).toBe(member.username);

    await person.getByLabel(fr.Recovery.accessCodeLabel, { exact: true }).fill(code.toLowerCase().replaceAll('-', ' '));
    await person.getByRole('button', { name: fr.ForgotPassword.accessCodeSubmit }).click();
    await person.waitForURL('**/fr/reset-password?token=*');
    const chosen = 'marmotte glacier boussole 41';
    await person.getByLabel(fr.Recovery.password.newLabel, { exact: true }).fill(chosen);
    await person.getByLabel(fr.Recovery.password.confirmLabel).fill(chosen);
    await person.getByRole('button', { name: fr.ResetPassword.submit }).click();
    await person.waitForURL('**/fr/login?reset=1');
    await signIn(person, 'fr', member.username, chosen);
    await person.waitForURL('**/fr/account');

    // Once only.
    const again = await openPage(browser(), target.baseURL);
    await again.goto('/fr/forgot-password/access-code');
    await again.getByLabel(fr.Recovery.identifierLabel).fill(member.username);
    await again.getByLabel(fr.Recovery.accessCodeLabel, { exact: true }).fill(code);
    await again.getByRole('button', { name: fr.ForgotPassword.accessCodeSubmit }).click();
    await expect.poll(() => again.locator('#form-error').textContent()).toBe(fr.Recovery.errors.accessCodeInvalid);
  });
});
