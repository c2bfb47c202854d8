import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD } from './fixtures';
import { startOwnSite, type OwnSite } from './own-site';
import { formFields, hiddenFields, postRaw } from './raw-form';

// PRODUCT.md §6 "Nothing secret is logged", for the whole site: a full run of sign-ins, a
// password change, a security answer, resets by emailed link and by code and an authenticator
// app, with canary values typed and every secret the site sent collected; none of them may
// show in the server's output or, other than hashed or sealed, in its database.

const browser = sharedBrowser();
const serverUrl = process.env.DATABASE_URL;
// Nothing of the account's name or address is in the canaries: the password policy would refuse them.
const email = 'robin.faults@example.com';
const canary = (what: string) => `canary-${what}-${randomBytes(6).toString('hex')}-Lilac`;
const typed = {
  wrongPassword: canary('wrong'),
  changedPassword: canary('changed'),
  answer: canary('answer'),
  linkPassword: canary('link'),
  codePassword: canary('code'),
};

let own: OwnSite;

/** The spellings a secret could be written in: as typed, in a URL, in a posted form. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])];
}

/** Where `secret` shows in `text`; a short code counts only as a number of its own. */
function leaks(text: string, secret: string): boolean {
  if (/^\d{6}$/.test(secret)) return new RegExp(`(?<![\\w.:+-])${secret}(?![\\w])`).test(text);
  return spellings(secret).some((spelling) => text.includes(spelling));
}

async function askForReset(): Promise<{ link: string; code: string }> {
  const { baseURL } = own.site;
  const seen = own.resend.deliveries.length;
  await postRaw(baseURL, '/en/forgot-password', await formFields(baseURL, '/en/forgot-password', { identifier: email }), { origin: baseURL });
  const subject = en.Emails.passwordReset.subject.replace('{siteName}', 'Sésame');
  const reset = () => own.resend.deliveries.slice(seen).find((delivery) => delivery.subject === subject);
  await expect.poll(() => reset() !== undefined, { timeout: 20_000 }).toBe(true);
  const text = reset()!.text;
  const link = /http:\/\/\S+\/en\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
  const code = /\b\d{3} ?\d{3}\b/.exec(text)?.[0]?.replace(' ', '');
  if (!link || !code) throw new Error(`no link or code in:\n${text}`);
  return { link, code };
}

describe.skipIf(!serverUrl)('canary secrets across a full run', () => {
  beforeAll(async () => {
    own = await startOwnSite({ name: 'canary', accounts: [{ email, name: 'Robin Finch', locale: 'en', password: E2E_PASSWORD }] });
  }, 180_000);

  afterAll(() => own?.close());

  it('never writes a password, answer, token, code or authenticator secret to the log or, readable, to the database', async () => {
    const { baseURL } = own.site;
    const sent: string[] = [];

    // A wrong password, typed by hand.
    const first = await postRaw(baseURL, '/en/login', await formFields(baseURL, '/en/login', { identifier: email }), { origin: baseURL });
    const wrong = hiddenFields(first.body);
    wrong.set('password', typed.wrongPassword);
    expect((await postRaw(baseURL, '/en/login', wrong, { origin: baseURL })).body).toContain(en.Login.errors.invalid);

    // A new password, a security answer and an authenticator app, from the account pages.
    const page = await openPage(browser(), baseURL);
    await signIn(page, 'en', email);
    await page.waitForURL('**/en/account');
    await page.goto('/en/account/password');
    await page.getByLabel(en.ChangePassword.currentLabel, { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel(en.Recovery.password.newLabel, { exact: true }).fill(typed.changedPassword);
    await page.getByLabel(en.Recovery.password.confirmLabel, { exact: true }).fill(typed.changedPassword);
    await page.getByRole('button', { name: en.ChangePassword.submit }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/account/password'));

    await page.goto('/en/account/security-question?edit=1');
    await page.getByLabel(en.SecurityQuestion.questionLabel, { exact: true }).selectOption({ label: en.SecurityQuestions.birthCity });
    await page.getByLabel(en.SecurityQuestion.answerLabel, { exact: true }).fill(typed.answer);
    await page.getByLabel(en.SecurityQuestion.passwordLabel, { exact: true }).fill(typed.changedPassword);
    await page.getByRole('button', { name: en.SecurityQuestion.submit }).click();
    await page.waitForURL('**/en/account/security-question?done=1');

    await page.goto('/en/account/two-step/setup');
    const totpSecret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
    const appCode = (offsetSteps = 0) => TOTP.generate({ secret: Secret.fromBase32(totpSecret), timestamp: Date.now() + offsetSteps * 30_000 });
    const enrolCode = appCode();
    await page.getByLabel('Code from the app').fill(enrolCode);
    await page.getByLabel(en.TwoStep.passwordLabel, { exact: true }).fill(typed.changedPassword);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: en.TwoStep.codes.shownTitle }).waitFor();
    const recoveryCodes = await page.locator('.recovery-codes code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    sent.push(totpSecret, enrolCode, ...recoveryCodes);

    // A reset by the emailed link, through the security question.
    const byLink = await askForReset();
    sent.push(byLink.link, byLink.link.split('token=')[1]!, byLink.code);
    const reset = await openPage(browser(), baseURL);
    await reset.goto(byLink.link);
    await reset.getByLabel(en.ResetPassword.answerLabel, { exact: true }).fill(typed.answer);
    await reset.getByRole('button', { name: en.ResetPassword.answerSubmit }).click();
    await reset.getByLabel(en.Recovery.password.newLabel, { exact: true }).fill(typed.linkPassword);
    await reset.getByLabel(en.Recovery.password.confirmLabel, { exact: true }).fill(typed.linkPassword);
    await reset.getByRole('button', { name: en.ResetPassword.submit }).click();
    await reset.waitForURL('**/en/login?reset=1');

    // A reset by the 6-digit code, which trades it for a link of the site's own.
    const byCode = await askForReset();
    sent.push(byCode.link, byCode.link.split('token=')[1]!, byCode.code);
    await reset.goto('/en/reset-password/code');
    await reset.getByLabel(en.Recovery.identifierLabel, { exact: true }).fill(email);
    await reset.getByLabel(en.Recovery.codeLabel, { exact: true }).fill(byCode.code);
    await reset.getByRole('button', { name: en.ForgotPassword.codeSubmit }).click();
    await reset.waitForURL('**/en/reset-password?token=*');
    sent.push(new URL(reset.url()).searchParams.get('token')!);
    await reset.getByLabel(en.ResetPassword.answerLabel, { exact: true }).fill(typed.answer);
    await reset.getByRole('button', { name: en.ResetPassword.answerSubmit }).click();
    await reset.getByLabel(en.Recovery.password.newLabel, { exact: true }).fill(typed.codePassword);
    await reset.getByLabel(en.Recovery.password.confirmLabel, { exact: true }).fill(typed.codePassword);
    await reset.getByRole('button', { name: en.ResetPassword.submit }).click();
    await reset.waitForURL('**/en/login?reset=1');

    // Signing in with the last password and a code from the app.
    await signIn(reset, 'en', email, typed.codePassword);
    await reset.waitForURL('**/en/login/verify**');
    const signInCode = appCode(1);
    sent.push(signInCode);
    const verify = reset.locator('form', { has: reset.getByLabel(en.Verify.totp.label, { exact: true }) });
    await verify.getByLabel(en.Verify.totp.label, { exact: true }).fill(signInCode);
    await verify.getByRole('button').click();
    await reset.waitForURL('**/en/account');

    const secrets = [...Object.values(typed), ...sent];
    expect(secrets.every((secret) => secret.length >= 6)).toBe(true);
    const dump = spawnSync('pg_dump', ['--data-only', own.databaseUrl], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump.status).toBe(0);
    // The dump is the database: the account's row is in it, only hashed.
    expect(dump.stdout).toContain(email);
    const output = own.site.output();
    expect(secrets.filter((secret) => leaks(output, secret))).toEqual([]);
    expect(secrets.filter((secret) => leaks(dump.stdout, secret))).toEqual([]);
  }, 120_000);
});
