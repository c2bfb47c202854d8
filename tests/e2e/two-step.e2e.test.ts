import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD, e2eAccounts } from './fixtures';
import { codeIn, countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { flowTargets } from './targets';

const browser = sharedBrowser();

const words = {
  en: {
    codeFromApp: 'Code from the app',
    currentPassword: 'Your current password',
    passwordRequired: 'Enter your password.',
    turnOn: 'Turn on',
    saveCodes: 'Save your recovery codes',
    saved: 'I have saved them',
    signOut: 'Sign out',
    appCode: '6-digit code',
    recoveryCode: 'One of your recovery codes',
    emailCode: '6-digit code from the email',
    sendCode: 'Email me a code',
    verifyTitle: '2-step verification',
    wrongCode: /^That code is not right, or it was already used\. Wait for the next code and try again \(4 tries left\)\.$/,
    noticeSubject: 'Security notice for your Sésame account',
    noticeBody: '2-step verification was turned on',
    useEmail: 'Use codes by email',
    confirmTitle: 'Confirm it’s you',
    confirmLabel: 'Your password',
    confirm: 'Confirm',
    regenerate: 'Create new recovery codes',
    activityNewest: ['Signed in', 'Recovery code used to sign in'],
    activityEnabled: '2-step verification turned on',
  },
  fr: {
    codeFromApp: 'Code de l’application',
    currentPassword: 'Votre mot de passe actuel',
    passwordRequired: 'Saisissez votre mot de passe.',
    turnOn: 'Activer',
    saveCodes: 'Conservez vos codes de secours',
    saved: 'Je les ai conservés',
    signOut: 'Se déconnecter',
    appCode: 'Code à 6 chiffres',
    recoveryCode: 'Un de vos codes de secours',
    emailCode: 'Code à 6 chiffres reçu par courriel',
    sendCode: 'M’envoyer un code',
    verifyTitle: 'Validation en deux étapes',
    wrongCode: /^Ce code n’est pas le bon, ou il a déjà servi\. Attendez le code suivant et réessayez \(4 essais restants\)\.$/,
    noticeSubject: 'Avis de sécurité pour votre compte Sésame',
    noticeBody: 'la validation en deux étapes a été activée',
    useEmail: 'Utiliser les codes par courriel',
    confirmTitle: 'Confirmez que c’est vous',
    confirmLabel: 'Votre mot de passe',
    confirm: 'Confirmer',
    regenerate: 'Créer de nouveaux codes de secours',
    activityNewest: ['Connexion', 'Code de secours utilisé pour se connecter'],
    activityEnabled: 'Validation en deux étapes activée',
  },
} as const;

type Locale = keyof typeof words;

/** What the person's authenticator app would show `offsetSteps` steps from now. */
const appCode = (secret: string, offsetSteps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

/** The form that holds a field, so that pages with several forms are driven like a person would. */
const formWith = (page: Page, label: string) => page.locator('form', { has: page.getByLabel(label, { exact: true }) });

async function enrolAuthenticator(page: Page, locale: Locale) {
  await page.goto(`/${locale}/account/two-step/setup`);
  const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
  expect(await page.locator('.qr svg').count()).toBe(1);
  await page.getByLabel(words[locale].codeFromApp).fill(appCode(secret));
  await page.getByLabel(words[locale].currentPassword, { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: words[locale].turnOn }).click();
  await page.getByRole('heading', { name: words[locale].saveCodes }).waitFor();
  const codes = await page.locator('.recovery-codes code').allTextContents();
  expect(codes).toHaveLength(10);
  const download = page.getByRole('link', { name: locale === 'en' ? 'Download as a text file' : 'Télécharger en fichier texte' });
  expect(decodeURIComponent((await download.getAttribute('href'))!.split(',')[1]!)).toBe(`${codes.join('\n')}\n`);
  return { secret, codes };
}

async function verifyWith(page: Page, label: string, code: string) {
  const form = formWith(page, label);
  await form.getByLabel(label, { exact: true }).fill(code);
  await form.getByRole('button').click();
}

describe.each(flowTargets())('2-step verification on $name', (target) => {
  const { name, baseURL, databaseUrl } = target;

  it.each([
    ['fr', e2eAccounts.twoStepFr],
    ['en', e2eAccounts.twoStepEn],
  ] as const)('turns on an authenticator app, then signs in with a code and with a recovery code, in %s', async (locale, account) => {
    const t = words[locale];
    const page = await openPage(browser(), baseURL);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/account`);
    // Another browser signed in before the change: its cookie must stop working.
    const other = await openPage(browser(), baseURL);
    await signIn(other, locale, account.email);
    await other.waitForURL(`**/${locale}/account`);
    const noticesBefore = await countEmailsTo(target, account.email);

    const { secret, codes } = await enrolAuthenticator(page, locale);
    const notice = await nextEmailTo(target, account.email, noticesBefore);
    expect(notice.subject).toBe(t.noticeSubject);
    expect(notice.text).toContain(t.noticeBody);
    await other.reload();
    expect(new URL(other.url()).pathname).toBe(`/${locale}/login`);

    // Sign out; the password alone now leads to the second step, not into the account.
    // The codes leave the page when the person says they saved them.
    await page.getByRole('button', { name: t.saved }).click();
    await page.waitForURL(`**/${locale}/account/two-step`);
    await page.goto(`/${locale}/account/two-step/recovery-codes`);
    expect(new URL(page.url()).pathname).toBe(`/${locale}/account/two-step`);
    await page.goto(`/${locale}/account`);
    await page.getByRole('button', { name: t.signOut }).click();
    await page.waitForURL(`**/${locale}/login?signedOut=1`);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/login/verify**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.verifyTitle);
    await page.goto(`/${locale}/account`);
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);

    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/login/verify**`);
    await verifyWith(page, t.appCode, '000000');
    await expect.poll(() => page.locator('#totp-error').textContent()).toMatch(t.wrongCode);
    await verifyWith(page, t.appCode, appCode(secret, 1));
    await page.waitForURL(`**/${locale}/account`);

    // Phone lost: a recovery code gets the person in, once.
    await page.getByRole('button', { name: t.signOut }).click();
    await page.waitForURL(`**/${locale}/login?signedOut=1`);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/login/verify**`);
    await verifyWith(page, t.recoveryCode, codes[3]!.toLowerCase());
    await page.waitForURL(`**/${locale}/account`);

    // All of it is in the account's own security activity, newest first, in its language.
    await page.goto(`/${locale}/account/activity`);
    const events = await page.locator('.activity strong').allTextContents();
    expect(events.slice(0, 2)).toEqual(t.activityNewest);
    expect(events).toContain(t.activityEnabled);
    await page.goto(`/${locale}/account`);
    await page.getByRole('button', { name: t.signOut }).click();
    await page.waitForURL(`**/${locale}/login?signedOut=1`);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/login/verify**`);
    await verifyWith(page, t.recoveryCode, codes[3]!);
    await expect.poll(() => page.locator('#recovery-error').textContent()).not.toBe('');
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login/verify`);
  });

  it('stops a one-time sign-in link into a 2-step account at the verification step', async () => {
    const account = e2eAccounts.twoStepMagic;
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'fr', account.email);
    await page.waitForURL('**/fr/account');
    const before = await countEmailsTo(target, account.email);
    const { secret } = await enrolAuthenticator(page, 'fr');
    // The "2-step verification was turned on" notice comes first.
    await nextEmailTo(target, account.email, before);
    const seen = before + 1;

    const fresh = await openPage(browser(), baseURL);
    await fresh.goto('/fr/magic-link');
    await fresh.getByLabel('E-mail, nom d’utilisateur ou numéro de téléphone').fill(account.email);
    await fresh.locator('button[type=submit]').click();
    await fresh.waitForURL('**/fr/magic-link/code?sent=1');
    const email = await nextEmailTo(target, account.email, seen);
    await fresh.goto(linkIn(email, '/fr/magic-link/confirm'));
    await fresh.locator('button[type=submit]').click();
    await fresh.waitForURL('**/fr/login/verify**');
    await fresh.goto('/fr/account');
    expect(new URL(fresh.url()).pathname).toBe('/fr/login');
    await fresh.goto('/fr/login/verify');
    await verifyWith(fresh, words.fr.appCode, appCode(secret, 1));
    await fresh.waitForURL('**/fr/account');
  });

  it('signs in with a code sent by email when the person chose emailed codes', async () => {
    const account = e2eAccounts.emailCodes;
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'en', account.email);
    await page.waitForURL('**/en/account');
    await page.goto('/en/account/two-step');
    // Every change to 2-step verification takes the current password, turning it on included.
    const useEmail = page.locator('form', { has: page.getByRole('button', { name: words.en.useEmail }) });
    const useEmailButton = useEmail.getByRole('button', { name: words.en.useEmail });
    await useEmailButton.click();
    await expect.poll(() => page.locator('#email-on-password-error').textContent()).toBe(words.en.passwordRequired);
    await useEmail.getByLabel(words.en.currentPassword, { exact: true }).fill('not my password');
    await useEmailButton.click();
    await expect.poll(() => page.locator('#email-on-password-error').textContent()).toBe('That password is not right.');
    expect(new URL(page.url()).pathname).toBe('/en/account/two-step');
    await useEmail.getByLabel(words.en.currentPassword, { exact: true }).fill(E2E_PASSWORD);
    await useEmailButton.click();
    await page.getByRole('heading', { name: words.en.saveCodes }).waitFor();
    await page.getByRole('button', { name: words.en.saved }).click();
    await page.waitForURL('**/en/account/two-step');
    // New recovery codes too.
    const regenerate = page.getByRole('button', { name: words.en.regenerate });
    await regenerate.click();
    await expect.poll(() => page.locator('#codes-password-error').textContent()).toBe(words.en.passwordRequired);
    await page.locator('#codes-password').fill(E2E_PASSWORD);
    await regenerate.click();
    await page.getByRole('heading', { name: words.en.saveCodes }).waitFor();
    await page.goto('/en/account');
    await page.getByRole('button', { name: words.en.signOut }).click();
    await page.waitForURL('**/en/login?signedOut=1');

    await signIn(page, 'en', account.email);
    await page.waitForURL('**/en/login/verify**');
    const seen = await countEmailsTo(target, account.email);
    await page.getByRole('button', { name: words.en.sendCode }).click();
    await page.waitForURL('**/en/login/verify?**email=sent');
    const email = await nextEmailTo(target, account.email, seen);
    expect(email.subject).toBe('Your Sésame sign-in code');
    await verifyWith(page, words.en.emailCode, codeIn(email));
    await page.waitForURL('**/en/account');
  });

  // Only PostgreSQL lets a test age a session under a running site (PGlite is single-process).
  if (name === 'postgres') it('asks for the password again after 15 minutes, and the action itself refuses a stale session', async () => {
    const account = e2eAccounts.staleSession;
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'fr', account.email);
    await page.waitForURL('**/fr/account');
    await page.goto('/fr/account/two-step');
    const sql = postgres(databaseUrl!, { max: 1 });
    const age = () => sql`update sessions set authenticated_at = now() - interval '16 minutes'
      where user_id = (select id from users where email = ${account.email})`;
    await age();

    // The page was drawn while the session was fresh; the action checks again and sends the
    // person to confirm instead of creating codes.
    await page.getByRole('button', { name: words.fr.useEmail }).click();
    await page.waitForURL('**/fr/account/confirm?next=%2Ffr%2Faccount%2Ftwo-step');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(words.fr.confirmTitle);
    const [enabled] = await sql`select email_otp_enabled from users where email = ${account.email}`;
    expect(enabled!.email_otp_enabled).toBe(false);

    await page.getByLabel(words.fr.confirmLabel, { exact: true }).fill('pas mon mot de passe');
    await page.getByRole('button', { name: words.fr.confirm }).click();
    await expect.poll(() => page.locator('#confirm-error').textContent()).toBe('Ce mot de passe n’est pas le bon.');
    await page.getByLabel(words.fr.confirmLabel, { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: words.fr.confirm }).click();
    await page.waitForURL('**/fr/account/two-step');

    // A page that needs a fresh confirmation asks for it before showing anything.
    await age();
    await page.goto('/fr/account/two-step/setup');
    expect(new URL(page.url()).pathname).toBe('/fr/account/confirm');
    await sql.end();
  });
});

describe.each(flowTargets())('changing the password on $name', (target) => {
  it.each([
    ['fr', e2eAccounts.changePasswordFr, 'Votre mot de passe actuel n’est pas le bon.', 'Votre mot de passe a été changé. Tous les autres navigateurs ont été déconnectés.'],
    ['en', e2eAccounts.changePasswordEn, 'Your current password is not right.', 'Your password has been changed. Every other browser has been signed out.'],
  ] as const)('needs the current password, signs out every other browser and sends a notice, in %s', async (locale, account, wrong, done) => {
    const labels = {
      en: { current: 'Current password', next: 'New password', again: 'Confirm the new password', submit: 'Change password' },
      fr: { current: 'Mot de passe actuel', next: 'Nouveau mot de passe', again: 'Confirmez le nouveau mot de passe', submit: 'Changer le mot de passe' },
    }[locale];
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/account`);
    const other = await openPage(browser(), target.baseURL);
    await signIn(other, locale, account.email);
    await other.waitForURL(`**/${locale}/account`);
    const seen = await countEmailsTo(target, account.email);

    const newPassword = 'lantern meadow quartz 2026';
    await page.goto(`/${locale}/account/password`);
    await page.getByLabel(labels.current, { exact: true }).fill('not the password');
    await page.getByLabel(labels.next, { exact: true }).fill(newPassword);
    await page.getByLabel(labels.again, { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: labels.submit }).click();
    await expect.poll(() => page.locator('#current-errors').textContent()).toBe(wrong);

    await page.getByLabel(labels.current, { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel(labels.next, { exact: true }).fill(newPassword);
    await page.getByLabel(labels.again, { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: labels.submit }).click();
    await page.waitForURL(`**/${locale}/account?changed=password`);
    expect(await page.getByRole('status').first().textContent()).toBe(done);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe(`/${locale}/account`);
    await other.reload();
    expect(new URL(other.url()).pathname).toBe(`/${locale}/login`);
    await nextEmailTo(target, account.email, seen);

    const fresh = await openPage(browser(), target.baseURL);
    await signIn(fresh, locale, account.email, newPassword);
    await fresh.waitForURL(`**/${locale}/account`);
  });
});
