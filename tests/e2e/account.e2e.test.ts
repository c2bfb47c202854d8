import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD, e2eAccounts } from './fixtures';
import { codeIn, countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { startSession } from './session';
import { flowTargets } from './targets';

const browser = sharedBrowser();

const words = {
  fr: {
    account: e2eAccounts.questionFr,
    none: 'Aucune question choisie',
    choose: 'Choisir une question',
    question: 'Nouvelle question',
    chosen: fr.SecurityQuestions.birthCity,
    answer: 'Réponse',
    password: 'Votre mot de passe',
    save: 'Enregistrer',
    noQuestion: 'Choisissez une question dans la liste.',
    wrongPassword: 'Ce mot de passe n’est pas le bon.',
    done: 'Votre question de sécurité a été changée. Nous vous avons envoyé un courriel pour le confirmer.',
    notice: 'votre question de sécurité a été changée',
  },
  en: {
    account: e2eAccounts.questionEn,
    none: 'No question chosen',
    choose: 'Choose a question',
    question: 'New question',
    chosen: en.SecurityQuestions.birthCity,
    answer: 'Answer',
    password: 'Your password',
    save: 'Save',
    noQuestion: 'Choose a question from the list.',
    wrongPassword: 'That password is not right.',
    done: 'Your security question has been changed. We emailed you to confirm.',
    notice: 'your security question was changed',
  },
} as const;

describe.each(flowTargets())('security question on $name', (target) => {
  it.each(['fr', 'en'] as const)('is chosen behind the password, never shown back, and announced by email, in %s', async (locale) => {
    const t = words[locale];
    const page = await openPage(browser(), target.baseURL);
    await startSession(target, page, t.account.email);
    await page.goto(`/${locale}/account/security-question`);
    expect(await page.locator('dd').first().textContent()).toBe(t.none);
    await page.getByRole('link', { name: t.choose }).click();
    await page.waitForURL(`**/${locale}/account/security-question?edit=1`);

    // Nothing typed is lost to a mistake: the answer stays, the error says what to fix.
    const answer = 'Trois-Rivières';
    await page.getByLabel(t.answer, { exact: true }).fill(answer);
    await page.getByLabel(t.password, { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: t.save }).click();
    await expect.poll(() => page.locator('#question-errors').textContent()).toBe(t.noQuestion);
    expect(await page.getByLabel(t.answer, { exact: true }).inputValue()).toBe(answer);

    await page.getByLabel(t.question, { exact: true }).selectOption({ label: t.chosen });
    await page.getByLabel(t.password, { exact: true }).fill('not my password');
    await page.getByRole('button', { name: t.save }).click();
    await expect.poll(() => page.locator('#password-errors').textContent()).toBe(t.wrongPassword);

    const seen = await countEmailsTo(target, t.account.email);
    await page.getByLabel(t.question, { exact: true }).selectOption({ label: t.chosen });
    await page.getByLabel(t.password, { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: t.save }).click();
    await page.waitForURL(`**/${locale}/account/security-question?done=1`);
    expect(await page.getByRole('status').textContent()).toBe(t.done);
    expect(await page.locator('dd').first().textContent()).toBe(t.chosen);
    expect(await page.content()).not.toContain(answer);
    expect((await nextEmailTo(target, t.account.email, seen)).text).toContain(t.notice);
  });
});

const profileWords = {
  fr: {
    account: e2eAccounts.profileFr,
    name: 'Nom',
    phone: 'Téléphone',
    language: 'Langue préférée',
    save: 'Enregistrer le profil',
    invalid: 'Ce n’est pas un numéro de téléphone que nous savons lire. Ajoutez l’indicatif du pays, comme +33 6 12 34 56 78.',
    saved: 'Votre profil a été enregistré.',
    other: 'English',
  },
  en: {
    account: e2eAccounts.profileEn,
    name: 'Name',
    phone: 'Phone',
    language: 'Preferred language',
    save: 'Save profile',
    invalid: 'That is not a phone number we can read. Add the country code, such as +33 6 12 34 56 78.',
    saved: 'Your profile has been saved.',
    other: 'Français',
  },
} as const;

describe.each(flowTargets())('profile on $name', (target) => {
  it.each(['fr', 'en'] as const)('saves name, phone and language, keeping what was typed through a mistake, in %s', async (locale) => {
    const t = profileWords[locale];
    const page = await openPage(browser(), target.baseURL);
    await startSession(target, page, t.account.email);
    await page.goto(`/${locale}/account`);
    await page.getByLabel(t.name, { exact: true }).fill('Dominique Nouveau');
    await page.getByLabel(t.phone, { exact: true }).fill('not a number');
    await page.getByRole('button', { name: t.save }).click();
    await expect.poll(() => page.locator('#phone-errors').textContent()).toBe(t.invalid);
    expect(await page.getByLabel(t.name, { exact: true }).inputValue()).toBe('Dominique Nouveau');

    await page.getByLabel(t.phone, { exact: true }).fill(locale === 'fr' ? '+33 6 12 34 56 70' : '+1 514 555 0170');
    await page.getByLabel(t.language, { exact: true }).selectOption({ label: t.other });
    await page.getByRole('button', { name: t.save }).click();
    await page.waitForURL(`**/${locale}/account?changed=profile`);
    expect(await page.getByRole('status').first().textContent()).toBe(t.saved);
    expect(await page.getByLabel(t.name, { exact: true }).inputValue()).toBe('Dominique Nouveau');
    expect(await page.getByLabel(t.phone, { exact: true }).inputValue()).toBe(locale === 'fr' ? '+33 6 12 34 56 70' : '+1 514 555 0170');
    expect(await page.getByLabel(t.language, { exact: true }).inputValue()).toBe(locale === 'fr' ? 'en' : 'fr');
  });
});

describe.each(flowTargets())('email change on $name', (target) => {
  it('uses the new address only once it is confirmed, and lets the old one stop it, in fr', async () => {
    const account = e2eAccounts.emailChangeFr;
    const page = await openPage(browser(), target.baseURL);
    await startSession(target, page, account.email);
    await page.goto('/fr/account/email');
    const before = await countEmailsTo(target, account.email);

    const first = 'nouvelle.adresse@example.com';
    await page.getByLabel('Nouvelle adresse courriel', { exact: true }).fill('pas une adresse');
    await page.getByRole('button', { name: 'Envoyer la confirmation' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toBe(fr.EmailChange.errors.invalid);
    await page.getByLabel('Nouvelle adresse courriel', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Envoyer la confirmation' }).click();
    await page.waitForURL('**/fr/account/email?sent=1');

    // The old address is told at once; the new one gets a code, which finishes the change.
    expect((await nextEmailTo(target, account.email, before)).subject).toBe('Votre adresse courriel Sésame va changer');
    const verify = await nextEmailTo(target, first, 0);
    await page.getByLabel('Code reçu par courriel', { exact: true }).fill(codeIn(verify));
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForURL('**/fr/account/email?done=1');
    expect(await page.locator('dd').first().textContent()).toBe(first);

    // The old mailbox says "this wasn't me": the change is undone and every browser signed out.
    const changed = await nextEmailTo(target, account.email, before + 1);
    expect(changed.subject).toBe('Votre adresse courriel Sésame a été changée');
    const stranger = await openPage(browser(), target.baseURL);
    await stranger.goto(linkIn(changed, '/fr/account/email/not-me'));
    await stranger.getByRole('button', { name: 'Arrêter le changement et protéger mon compte' }).click();
    await stranger.waitForURL('**/fr/account/email/not-me?done=1');
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/fr/login');
    expect((await nextEmailTo(target, account.email, before + 2)).subject).toBe('Réinitialisez votre mot de passe Sésame');
    // The old address signs in again and is the account's once more.
    await signIn(page, 'fr', account.email);
    await page.waitForURL('**/fr/account/email');
    expect(await page.locator('dd').first().textContent()).toBe(account.email);
  });
});
