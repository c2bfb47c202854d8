import { describe, expect, inject, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD, e2eAccounts } from './fixtures';
import { countEmailsTo, nextEmailTo } from './inbox';

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

describe.each(inject('targets'))('security question on $name', (target) => {
  it.each(['fr', 'en'] as const)('is chosen behind the password, never shown back, and announced by email, in %s', async (locale) => {
    const t = words[locale];
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, locale, t.account.email);
    await page.waitForURL(`**/${locale}/account`);
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

describe.each(inject('targets'))('profile on $name', (target) => {
  it.each(['fr', 'en'] as const)('saves name, phone and language, keeping what was typed through a mistake, in %s', async (locale) => {
    const t = profileWords[locale];
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, locale, t.account.email);
    await page.waitForURL(`**/${locale}/account`);
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
