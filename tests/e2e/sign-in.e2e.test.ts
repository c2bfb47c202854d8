import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { formError, openPage, signIn, submitPassword, sharedBrowser } from './browser';
import { E2E_PASSWORD, e2eAccounts } from './fixtures';
import { countEmailsTo, nextEmailTo } from './inbox';
import { hiddenFields, postRaw, signInRaw } from './raw-form';
import { flowTargets, sharedTargets } from './targets';

const browser = sharedBrowser();

const text = {
  en: { account: 'Your account', signOut: 'Sign out', signedOut: 'You have signed out.', login: 'Sign in' },
  fr: { account: 'Votre compte', signOut: 'Se déconnecter', signedOut: 'Vous êtes déconnecté.', login: 'Connexion' },
} as const;

// Signing in and out, a wrong password and a pause, on both sites: the embedded mode's smoke.
describe.each(sharedTargets())('sign-in on $name', ({ baseURL }) => {
  it.each([
    ['en', e2eAccounts.english.email, e2eAccounts.english.name],
    ['fr', e2eAccounts.french.username, e2eAccounts.french.name],
  ] as const)('signs in and out in %s', async (locale, identifier, personName) => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, locale, identifier);
    await page.waitForURL(`**/${locale}/account`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text[locale].account);
    expect(await page.locator('main').textContent()).toContain(personName);

    await page.getByRole('button', { name: text[locale].signOut }).click();
    await page.waitForURL(`**/${locale}/login?signedOut=1`);
    expect(await page.getByRole('status').first().textContent()).toBe(text[locale].signedOut);
    await page.goto(`/${locale}/account`);
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);
  });

  it('signs in with a phone number typed the way people type it', async () => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'fr', '+33 (0)6 55 44 33 22');
    await page.waitForURL('**/fr/account');
  });

  it.each([
    ['en', 'The sign-in details do not match an account. Check them and try again.'],
    ['fr', 'Ces identifiants ne correspondent à aucun compte. Vérifiez-les et réessayez.'],
  ] as const)('says the details do not match in %s, for a wrong password and an unknown account alike', async (locale, message) => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, locale, e2eAccounts.english.email, 'not my password at all');
    await expect.poll(() => formError(page).textContent()).toBe(message);
    expect(await page.locator('input[type=password]').inputValue()).toBe('');

    const stranger = await openPage(browser(), baseURL);
    await signIn(stranger, locale, 'nobody.at.all@example.com', 'not my password at all');
    await expect.poll(() => formError(stranger).textContent()).toBe(message);
  });

  it.each([
    ['en', e2eAccounts.lockEnglish.email, /^Sign-in is paused after too many unsuccessful attempts\. You can try again after \d{1,2}:\d{2}\s?[AP]M UTC, or reset your password now to get in at once\.$/],
    ['fr', e2eAccounts.lockFrench.email, /^La connexion est suspendue après trop de tentatives infructueuses\. Vous pourrez réessayer après \d{2}:\d{2} UTC, ou réinitialiser votre mot de passe dès maintenant pour entrer aussitôt\.$/],
  ] as const)('pauses sign-in after 5 failures and says until when, in %s', async (locale, email, pattern) => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, locale, email, 'wrong guess 1');
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await submitPassword(page, `wrong guess ${attempt}`);
      expect(await formError(page).textContent()).not.toMatch(/paused|suspendue/);
    }
    await submitPassword(page, 'wrong guess 5');
    await expect.poll(() => formError(page).textContent()).toMatch(pattern);

    // The right password changes nothing during the pause.
    await submitPassword(page, E2E_PASSWORD);
    await expect.poll(() => formError(page).textContent()).toMatch(pattern);
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);
    // The way out the message offers is one click away.
    const reset = page.getByRole('link', { name: locale === 'en' ? 'Forgot your password?' : 'Mot de passe oublié\u202F?' });
    expect(await reset.getAttribute('href')).toBe(`/${locale}/forgot-password`);
  });
});

// The rest once, on PostgreSQL: the embedded site's sign-in is proved by the tests above.
describe.each(flowTargets())('sign-in on $name', ({ name, baseURL, databaseUrl }) => {
  it.each([
    ['en', e2eAccounts.usualBrowserEn, /^Sign-in is paused/],
    ['fr', e2eAccounts.usualBrowserFr, /^La connexion est suspendue/],
  ] as const)('lets the owner in from their usual browser while a stranger has paused the account, in %s', async (locale, account, paused) => {
    const owner = await openPage(browser(), baseURL);
    await signIn(owner, locale, account.email);
    await owner.waitForURL(`**/${locale}/account`);
    await owner.getByRole('button', { name: text[locale].signOut }).click();
    await owner.waitForURL(`**/${locale}/login?signedOut=1`);

    const stranger = await openPage(browser(), baseURL);
    await signIn(stranger, locale, account.email, 'a stranger guesses 1');
    for (let attempt = 2; attempt <= 5; attempt += 1) await submitPassword(stranger, `a stranger guesses ${attempt}`);
    await expect.poll(() => formError(stranger).textContent()).toMatch(paused);
    // Even the right password, from the stranger's browser, waits out the pause.
    await submitPassword(stranger, E2E_PASSWORD);
    await expect.poll(() => formError(stranger).textContent()).toMatch(paused);

    await owner.goto(`/${locale}/login`);
    await signIn(owner, locale, account.email);
    await owner.waitForURL(`**/${locale}/account`);
  });

  it('shows the typed password on request with JavaScript, and is a plain password field without', async () => {
    const page = await openPage(browser(), baseURL);
    await page.goto('/fr/login');
    await page.getByLabel('E-mail, nom d’utilisateur ou numéro de téléphone').fill(e2eAccounts.french.email);
    await page.getByRole('button', { name: 'Continuer' }).click();
    const password = page.locator('#password');
    await password.fill('visible now');
    await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
    expect(await password.getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Masquer le mot de passe' }).click();
    expect(await password.getAttribute('type')).toBe('password');

    const plain = await openPage(browser(), baseURL, { javaScriptEnabled: false });
    await plain.goto('/en/login');
    await plain.getByLabel('Email, username or phone number').fill(e2eAccounts.english.email);
    await plain.getByRole('button', { name: 'Continue' }).click();
    await plain.locator('#password').waitFor();
    expect(await plain.locator('#password').getAttribute('type')).toBe('password');
    expect(await plain.getByRole('button', { name: 'Show password' }).count()).toBe(0);
  });

  it('gives the main button the whole width of a phone', async () => {
    const page = await openPage(browser(), baseURL, { viewport: { width: 360, height: 700 } });
    await page.goto('/en/login');
    const button = await page.getByRole('button', { name: 'Continue' }).boundingBox();
    const field = await page.getByLabel('Email, username or phone number').boundingBox();
    expect(button!.width).toBeCloseTo(field!.width, 0);
  });

  it('checks the caller in the action itself: a sign-out posted without the session cookie is sent to sign in', async () => {
    const signedIn = await signInRaw(baseURL, { identifier: e2eAccounts.english.email, password: E2E_PASSWORD });
    expect(signedIn.status).toBe(303);
    const cookie = [signedIn.headers['set-cookie'] ?? []].flat().map((entry) => entry.split(';')[0]).join('; ');
    const account = await (await fetch(`${baseURL}/en/account`, { headers: { cookie } })).text();
    const signOut = hiddenFields(account, '>Sign out<');

    const stranger = await postRaw(baseURL, '/en/account', signOut, { origin: baseURL });
    expect(stranger.status).toBe(303);
    expect(stranger.headers.location).toBe('/en/login?callbackUrl=%2Fen%2Faccount');
    const owner = await postRaw(baseURL, '/en/account', signOut, { origin: baseURL, cookie });
    expect(owner.headers.location).toBe('/en/login?signedOut=1');
  });

  it('tells a deactivated account its state only after the right password', async () => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'en', e2eAccounts.deactivated.email, 'wrong password here');
    await expect.poll(() => formError(page).textContent()).toMatch(/do not match/);
    await submitPassword(page, E2E_PASSWORD);
    await expect.poll(() => formError(page).textContent()).toMatch(/has been deactivated/);
  });

  it('signs in and out with JavaScript disabled', async () => {
    const page = await openPage(browser(), baseURL, { javaScriptEnabled: false });
    await signIn(page, 'en', e2eAccounts.noScript.email);
    await page.waitForURL('**/en/account');
    expect(await page.locator('main').textContent()).toContain(e2eAccounts.noScript.name);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/en/login?signedOut=1');
  });

  it('returns to the page asked for, but never to another site', async () => {
    const page = await openPage(browser(), baseURL);
    await page.goto('/fr/account/sessions');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/fr/account/sessions');
    await signIn(page, 'fr', e2eAccounts.french.email);
    await page.waitForURL('**/fr/account/sessions');

    const other = await openPage(browser(), baseURL);
    await other.goto('/en/login?callbackUrl=https://evil.test/steal');
    await signIn(other, 'en', e2eAccounts.english.email);
    await other.waitForURL('**/en/account');
    expect(new URL(other.url()).host).toBe(new URL(baseURL).host);
  });

  it('signs a browser out at its next request when the person signs it out from another one', async () => {
    const first = await openPage(browser(), baseURL);
    await signIn(first, 'fr', e2eAccounts.revoked.email);
    await first.waitForURL('**/fr/account');
    const second = await openPage(browser(), baseURL);
    await signIn(second, 'fr', e2eAccounts.revoked.email);
    await second.waitForURL('**/fr/account');

    await second.goto('/fr/account/sessions');
    await second.getByRole('button', { name: 'Déconnecter toutes les autres sessions' }).click();
    await expect.poll(() => second.locator('#sessions [role=status]').textContent()).toContain('1 autre session a été déconnectée.');

    await first.reload();
    expect(new URL(first.url()).pathname).toBe('/fr/login');
    expect(await first.getByRole('status').first().textContent()).toBe('Votre session a pris fin. Veuillez vous reconnecter.');
    await second.reload();
    expect(new URL(second.url()).pathname).toBe('/fr/account/sessions');
  });

  // Only PostgreSQL lets a test reach the database under a running site (PGlite is single-process).
  if (name === 'postgres') it('signs a browser out at its next request when its session row is deleted', async () => {
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'en', e2eAccounts.deletedRow.email);
    await page.waitForURL('**/en/account');
    const sql = postgres(databaseUrl!, { max: 1 });
    const deleted = await sql`delete from sessions where user_id = (select id from users where email = ${e2eAccounts.deletedRow.email}) returning id`;
    await sql.end();
    expect(deleted).toHaveLength(1);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/en/login');
  });
});

describe.each(flowTargets())('the "new sign-in" notice on $name', (target) => {
  it.each([
    ['fr', e2eAccounts.newBrowserFr, 'Nouvelle connexion à votre compte Sésame', /Navigateur\u00a0: Chrome Headless sous Linux/],
    ['en', e2eAccounts.newBrowserEn, 'New sign-in to your Sésame account', /Browser: Chrome Headless on Linux/],
  ] as const)('is sent once for each new browser, not for the first sign-in nor a known browser, in %s', async (locale, account, subject, device) => {
    const first = await openPage(browser(), target.baseURL);
    await signIn(first, locale, account.email);
    await first.waitForURL(`**/${locale}/account`);
    // A second browser: the owner hears of it once, in their language, with what it was.
    const second = await openPage(browser(), target.baseURL);
    await signIn(second, locale, account.email);
    await second.waitForURL(`**/${locale}/account`);
    const notice = await nextEmailTo(target, account.email, 0, 'notices of new sign-ins');
    expect(notice.subject).toBe(subject);
    expect(notice.text).toMatch(device);

    // The same browser again, then a third one: only the third is news.
    await second.getByRole('button', { name: text[locale].signOut }).click();
    await second.waitForURL(`**/${locale}/login?signedOut=1`);
    await signIn(second, locale, account.email);
    await second.waitForURL(`**/${locale}/account`);
    const third = await openPage(browser(), target.baseURL);
    await signIn(third, locale, account.email);
    await third.waitForURL(`**/${locale}/account`);
    await nextEmailTo(target, account.email, 1, 'notices of new sign-ins');
    if (target.databaseUrl) {
      // Sign-ins queue their notice in their own transaction, so by now every one is counted.
      const sql = postgres(target.databaseUrl, { max: 1 });
      const rows = await sql`select 1 from email_outbox where template = 'newSignIn' and recipient = ${account.email}`;
      await sql.end();
      expect(rows).toHaveLength(2);
    }
    expect(await countEmailsTo(target, account.email)).toBe(0);
  });
});

describe.each(flowTargets())('a temporary password on $name', (target) => {
  it.each([
    ['fr', e2eAccounts.temporaryFr, { title: 'Choisissez votre propre mot de passe', next: 'Nouveau mot de passe', again: 'Confirmez le nouveau mot de passe', submit: 'Enregistrer et continuer', same: 'Choisissez votre propre mot de passe, pas le mot de passe temporaire qui vous a été donné.' }],
    ['en', e2eAccounts.temporaryEn, { title: 'Choose your own password', next: 'New password', again: 'Confirm the new password', submit: 'Save and continue', same: 'Choose a password of your own, not the temporary one you were given.' }],
  ] as const)('must be replaced before the account opens, in %s', async (locale, account, t) => {
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, locale, account.email);
    await page.waitForURL(`**/${locale}/login/new-password**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.title);
    // Nothing of the account opens before the new password.
    await page.goto(`/${locale}/account`);
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);
    await page.goto(`/${locale}/login/new-password`);

    await page.getByLabel(t.next, { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel(t.again, { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: t.submit }).click();
    await expect.poll(() => page.locator('#password-errors').textContent()).toBe(t.same);

    const own = 'orchard pebble lantern 58';
    await page.getByLabel(t.next, { exact: true }).fill(own);
    await page.getByLabel(t.again, { exact: true }).fill(own);
    await page.getByRole('button', { name: t.submit }).click();
    await page.waitForURL(`**/${locale}/account`);

    const later = await openPage(browser(), target.baseURL);
    await signIn(later, locale, account.email);
    expect(await formError(later).textContent()).not.toBe('');
    await submitPassword(later, own);
    await later.waitForURL(`**/${locale}/account`);
  });
});
