import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser, signIn } from './browser';
import { e2eAccounts, type E2eTarget } from './fixtures';
import { codeIn, countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const messages = { en, fr } as const;
type Locale = keyof typeof messages;
const NEW_PASSWORD = { en: 'granite lanterns hum softly', fr: 'les lanternes de granit chantent' } as const;

async function page(target: E2eTarget, javaScript: boolean): Promise<Page> {
  return openPage(browser(), target.baseURL, { javaScriptEnabled: javaScript });
}

/** From the sign-in page, as a person does it: the link, the identifier, the button. */
async function askFromSignIn(p: Page, locale: Locale, link: string, submit: string, email: string) {
  await p.goto(`/${locale}/login`);
  await p.getByRole('link', { name: link }).click();
  await p.getByLabel(messages[locale].Recovery.identifierLabel).fill(email);
  await p.getByRole('button', { name: submit }).click();
}

async function choosePassword(p: Page, locale: Locale, password: string, confirmation = password) {
  const t = messages[locale].Recovery.password;
  await p.getByLabel(t.newLabel, { exact: true }).fill(password);
  await p.getByLabel(t.confirmLabel).fill(confirmation);
}

describe.each(flowTargets())('recovery on $name', (target) => {
  describe.each([
    { locale: 'en' as const, javaScript: true, account: e2eAccounts.resetLinkEn },
    { locale: 'fr' as const, javaScript: false, account: e2eAccounts.resetLinkFr },
  ])('forgot password by link in $locale (JavaScript: $javaScript)', ({ locale, javaScript, account }) => {
    it('gets the person back in from the sign-in page, in one language from the first click to the last email', async () => {
      const t = messages[locale];
      const p = await page(target, javaScript);
      const seen = await countEmailsTo(target, account.email);
      await askFromSignIn(p, locale, t.Login.forgotPassword, t.ForgotPassword.submit, account.email);
      await p.waitForURL(`**/${locale}/reset-password/code?sent=1`);
      expect(await p.getByRole('status').textContent()).toBe(t.ForgotPassword.sent);

      const email = await nextEmailTo(target, account.email, seen);
      expect(email.subject).toBe(t.Emails.passwordReset.subject.replace('{siteName}', 'Sésame'));
      const link = linkIn(email, `/${locale}/reset-password`);
      expect(link.startsWith(`${target.baseURL}/${locale}/reset-password?token=`)).toBe(true);

      const response = await p.goto(link);
      expect(response?.headers()['referrer-policy']).toBe('no-referrer');
      expect(response?.headers()['cache-control']).toBe('no-store');
      await expect.poll(() => p.locator('h1').textContent()).toBe(t.ResetPassword.title);
      // Ready to type, and a password manager knows which account the new password is for.
      expect(await p.evaluate(() => document.activeElement?.id)).toBe('password');
      expect(await p.locator('input[autocomplete=username]').inputValue()).toBe(account.email);

      await choosePassword(p, locale, NEW_PASSWORD[locale], `${NEW_PASSWORD[locale]}!`);
      await p.getByRole('button', { name: t.ResetPassword.submit }).click();
      await expect.poll(() => p.locator('#confirmation-errors').textContent()).toBe(t.Recovery.password.problems.mismatch);
      // The field in error says so, and says why.
      const confirmation = p.getByLabel(t.Recovery.password.confirmLabel, { exact: true });
      expect(await confirmation.getAttribute('aria-invalid')).toBe('true');
      expect(await confirmation.getAttribute('aria-describedby')).toBe('confirmation-errors');

      await choosePassword(p, locale, NEW_PASSWORD[locale]);
      await p.getByRole('button', { name: t.ResetPassword.submit }).click();
      await p.waitForURL(`**/${locale}/login?reset=1`);
      expect(await p.getByRole('status').textContent()).toBe(t.Login.passwordReset);

      await signIn(p, locale, account.email, NEW_PASSWORD[locale]);
      await p.waitForURL(`**/${locale}/account`);

      const notice = await nextEmailTo(target, account.email, seen + 1);
      expect(notice.subject).toBe(t.Emails.passwordChanged.subject.replace('{siteName}', 'Sésame'));

      // The link did its job once.
      await p.goto(link);
      expect(await p.locator('h1').textContent()).toBe(t.Recovery.tokenProblems.usedTitle);
    });
  });

  describe.each([
    { locale: 'en' as const, javaScript: false, account: e2eAccounts.resetCodeEn },
    { locale: 'fr' as const, javaScript: true, account: e2eAccounts.resetCodeFr },
  ])('forgot password by code in $locale (JavaScript: $javaScript)', ({ locale, javaScript, account }) => {
    it('takes the 6-digit code instead of the link, and refuses a wrong one with a clear message', async () => {
      const t = messages[locale];
      const p = await page(target, javaScript);
      const seen = await countEmailsTo(target, account.email);
      await askFromSignIn(p, locale, t.Login.forgotPassword, t.ForgotPassword.submit, account.username);
      await p.waitForURL(`**/${locale}/reset-password/code?sent=1`);
      const code = codeIn(await nextEmailTo(target, account.email, seen));

      // What was typed on the previous page is still there.
      expect(await p.getByLabel(t.Recovery.identifierLabel).inputValue()).toBe(account.username);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await p.getByLabel(t.Recovery.codeLabel).fill(wrong);
      await p.getByRole('button', { name: t.ForgotPassword.codeSubmit }).click();
      await expect.poll(() => p.locator('#form-error').textContent()).toBe(t.Recovery.errors.codeInvalid);

      await p.getByLabel(t.Recovery.codeLabel).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
      await p.getByRole('button', { name: t.ForgotPassword.codeSubmit }).click();
      await p.waitForURL(`**/${locale}/reset-password?token=*`);
      await choosePassword(p, locale, NEW_PASSWORD[locale]);
      await p.getByRole('button', { name: t.ResetPassword.submit }).click();
      await p.waitForURL(`**/${locale}/login?reset=1`);
      await signIn(p, locale, account.email, NEW_PASSWORD[locale]);
      await p.waitForURL(`**/${locale}/account`);
    });
  });

  describe.each([
    { locale: 'en' as const, javaScript: true, account: e2eAccounts.magicEn },
    { locale: 'fr' as const, javaScript: false, account: e2eAccounts.magicFr },
  ])('one-time sign-in link in $locale (JavaScript: $javaScript)', ({ locale, javaScript, account }) => {
    it('shows a confirmation page that opening (even twice) does not spend, and whose button signs in once', async () => {
      const t = messages[locale];
      const p = await page(target, javaScript);
      const seen = await countEmailsTo(target, account.email);
      await askFromSignIn(p, locale, t.Login.magicLink, t.MagicLink.submit, account.email);
      await p.waitForURL(`**/${locale}/magic-link/code?sent=1`);
      const email = await nextEmailTo(target, account.email, seen);
      expect(email.subject).toBe(t.Emails.magicLink.subject.replace('{siteName}', 'Sésame'));
      const link = linkIn(email, `/${locale}/magic-link/confirm`);

      // A mail scanner's HEAD and GET first.
      expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(link)).status).toBe(200);
      await p.goto(link);
      await p.reload();
      expect(await p.locator('h1').textContent()).toBe(t.MagicLink.confirmTitle);
      await p.getByRole('button', { name: t.MagicLink.confirmSubmit }).click();
      await p.waitForURL(`**/${locale}/account`);

      await p.goto(link);
      expect(await p.locator('h1').textContent()).toBe(t.Recovery.tokenProblems.usedTitle);
      expect(await p.getByRole('link', { name: t.MagicLink.askNew }).getAttribute('href')).toBe(`/${locale}/magic-link`);
    });
  });

  it.each([
    ['en', e2eAccounts.replacedEn],
    ['fr', e2eAccounts.replacedFr],
  ] as const)('says a link was replaced by a newer one, not that it was used, in %s', async (locale, account) => {
    const t = messages[locale];
    const p = await page(target, false);
    const seen = await countEmailsTo(target, account.email);
    await askFromSignIn(p, locale, t.Login.forgotPassword, t.ForgotPassword.submit, account.email);
    const first = linkIn(await nextEmailTo(target, account.email, seen), `/${locale}/reset-password`);
    await askFromSignIn(p, locale, t.Login.forgotPassword, t.ForgotPassword.submit, account.email);
    await nextEmailTo(target, account.email, seen + 1);
    await p.goto(first);
    expect(await p.locator('h1').textContent()).toBe(t.Recovery.tokenProblems.supersededTitle);
    expect(await p.locator('main p').first().textContent()).toBe(t.Recovery.tokenProblems.superseded);
  });

  it.each(['en', 'fr'] as const)('signs in with the code from a sign-in email, in %s', async (locale) => {
    const t = messages[locale];
    const account = e2eAccounts.magicCode;
    const p = await page(target, true);
    const seen = await countEmailsTo(target, account.email);
    await askFromSignIn(p, locale, t.Login.magicLink, t.MagicLink.submit, account.email);
    await p.waitForURL(`**/${locale}/magic-link/code?sent=1`);
    const email = await nextEmailTo(target, account.email, seen);
    expect(email.subject).toBe(t.Emails.magicLink.subject.replace('{siteName}', 'Sésame'));
    await p.getByLabel(t.Recovery.codeLabel).fill(codeIn(email));
    await p.getByRole('button', { name: t.MagicLink.codeSubmit }).click();
    await p.waitForURL(`**/${locale}/account`);
  });

  describe.each([
    { locale: 'fr' as const, javaScript: true, account: e2eAccounts.activateFr },
    { locale: 'en' as const, javaScript: false, account: e2eAccounts.activateEn },
  ])('activation in $locale (JavaScript: $javaScript)', ({ locale, javaScript, account }) => {
    it('sets up the account from the welcome email, then protects a later reset with the security question', async () => {
      const t = messages[locale];
      const p = await page(target, javaScript);
      const welcome = await nextEmailTo(target, account.email, 0);
      expect(welcome.subject).toBe(t.Emails.activation.subject.replace('{siteName}', 'Sésame'));
      await p.goto(linkIn(welcome, `/${locale}/activate`));
      expect(await p.locator('h1').textContent()).toBe(t.Activate.title);

      // Every problem at once, and the question and answer are kept.
      await choosePassword(p, locale, 'mon-sésame', 'other');
      await p.getByLabel(t.Activate.questionLabel).selectOption({ label: t.SecurityQuestions.firstStreet });
      await p.getByLabel(t.Activate.answerLabel, { exact: true }).fill('Rue de l’Église');
      await p.getByRole('button', { name: t.Activate.submit }).click();
      await expect.poll(() => p.locator('#password-errors li').allTextContents()).toEqual([
        t.Recovery.password.problems.tooShort.replace('{min}', '12'),
        t.Recovery.password.problems.containsSiteName,
      ]);
      expect(await p.locator('#confirmation-errors li').allTextContents()).toEqual([t.Recovery.password.problems.mismatch]);
      expect(await p.getByLabel(t.Activate.questionLabel).inputValue()).toBe('firstStreet');
      expect(await p.getByLabel(t.Activate.answerLabel, { exact: true }).inputValue()).toBe('Rue de l’Église');

      await choosePassword(p, locale, NEW_PASSWORD[locale]);
      await p.getByRole('button', { name: t.Activate.submit }).click();
      await p.waitForURL(`**/${locale}/login?activated=1`);
      await signIn(p, locale, account.email, NEW_PASSWORD[locale]);
      await p.waitForURL(`**/${locale}/account`);

      const seen = await countEmailsTo(target, account.email);
      const other = await page(target, javaScript);
      await other.goto(`/${locale}/forgot-password`);
      await other.getByLabel(t.Recovery.identifierLabel).fill(account.email);
      await other.getByRole('button', { name: t.ForgotPassword.submit }).click();
      await other.waitForURL(`**/${locale}/reset-password/code?sent=1`);
      await other.goto(linkIn(await nextEmailTo(target, account.email, seen), `/${locale}/reset-password`));
      expect(await other.locator('h1').textContent()).toBe(t.ResetPassword.questionTitle);
      expect(await other.locator('.question').textContent()).toBe(t.SecurityQuestions.firstStreet);

      await other.getByLabel(t.ResetPassword.answerLabel).fill('rue de la paix');
      await other.getByRole('button', { name: t.ResetPassword.answerSubmit }).click();
      await expect.poll(() => other.locator('#form-error').textContent()).toMatch(locale === 'fr' ? /Il vous reste 2 essais/ : /2 more tries/);
      await other.getByLabel(t.ResetPassword.answerLabel).fill('  RUE DE L’EGLISE ');
      await other.getByRole('button', { name: t.ResetPassword.answerSubmit }).click();
      await expect.poll(() => other.locator('h1').textContent()).toBe(t.ResetPassword.title);
      await choosePassword(other, locale, `${NEW_PASSWORD[locale]} again`);
      await other.getByRole('button', { name: t.ResetPassword.submit }).click();
      await other.waitForURL(`**/${locale}/login?reset=1`);

      // The session opened before the reset is over.
      await p.goto(`/${locale}/account`);
      await p.waitForURL(`**/${locale}/login?**`);
    });
  });

  if (target.databaseUrl) {
    it('offers a fresh welcome link on an expired one, in the language of the journey', async () => {
      const account = e2eAccounts.expiredWelcome;
      const t = messages.fr;
      const welcome = await nextEmailTo(target, account.email, 0);
      const sql = postgres(target.databaseUrl!, { max: 1, onnotice: () => {} });
      try {
        await sql`update account_tokens set expires_at = now() - interval '1 minute'
          where user_id = (select id from users where email = ${account.email})`;
      } finally {
        await sql.end();
      }
      const p = await page(target, false);
      await p.goto(linkIn(welcome, '/fr/activate'));
      expect(await p.locator('h1').textContent()).toBe(t.Recovery.tokenProblems.expiredTitle);
      await p.getByRole('button', { name: t.Activate.resendSubmit }).click();
      await p.waitForURL('**/fr/activate?sent=1');
      expect(await p.getByRole('status').textContent()).toBe(t.Activate.resent);
      await p.goto(linkIn(await nextEmailTo(target, account.email, 1), '/fr/activate'));
      expect(await p.locator('h1').textContent()).toBe(t.Activate.title);
    });
  }

  it.each(['en', 'fr'] as const)('explains links that do not work, in %s', async (locale) => {
    const t = messages[locale];
    const p = await page(target, true);
    for (const path of ['/reset-password?token=tampered', '/magic-link/confirm?token=x', '/activate?token=']) {
      await p.goto(`/${locale}${path}`);
      expect(await p.locator('h1').textContent()).toBe(t.Recovery.tokenProblems.invalidTitle);
    }
  });

  it.each(['en', 'fr'] as const)('offers "Can’t sign in?" at every sign-in step and explains each case, in %s', async (locale) => {
    const t = messages[locale];
    const p = await page(target, true);
    await p.goto(`/${locale}/login`);
    expect(await p.getByRole('link', { name: t.Login.cantSignIn }).count()).toBe(1);
    await p.getByLabel(t.Login.identifierLabel).fill(e2eAccounts.english.email);
    await p.getByRole('button', { name: t.Login.continue }).click();
    await p.locator('input[type=password]').waitFor();
    await p.getByRole('link', { name: t.Login.cantSignIn }).click();
    await p.waitForURL(`**/${locale}/help/cant-sign-in`);
    const headings = await p.locator('h2').allTextContents();
    expect(headings).toEqual([
      t.CantSignIn.wrongTitle,
      t.CantSignIn.lockedTitle,
      t.CantSignIn.deactivatedTitle,
      t.CantSignIn.pendingTitle,
      t.CantSignIn.companyTitle,
      t.CantSignIn.twoStepTitle,
      t.CantSignIn.noEmailTitle,
      t.CantSignIn.browserTitle,
    ]);
    await p.getByRole('link', { name: t.CantSignIn.pendingAction }).click();
    await p.waitForURL(`**/${locale}/activate`);
    expect(await p.locator('h1').textContent()).toBe(t.Activate.resendTitle);
  });
});
