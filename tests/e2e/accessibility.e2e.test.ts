import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdmin, idOf } from './admin-entry';
import { openPage, sharedBrowser, signIn } from './browser';
import { E2E_PASSWORD, e2eAccounts } from './fixtures';
import { countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { formFields, postRaw } from './raw-form';
import { sharedTargets } from './targets';

const browser = sharedBrowser();
const target = sharedTargets().find((candidate) => candidate.name === 'pglite')!;
const messages = { en, fr } as const;
type Locale = keyof typeof messages;

/** One state of one page, reached as a person reaches it; `member`, `admin` and `editor` pages with that person's session. */
interface Visit {
  name: string;
  member?: true;
  admin?: true;
  editor?: true;
  open: (page: Page, locale: Locale) => Promise<unknown>;
}

/**
 * Each person signs in once, through the forms (this file runs on the embedded database, where
 * the session fixture cannot reach): the admin with 2-step verification; their pages reuse it.
 */
type Session = BrowserContextOptions['storageState'];
const sessions: { member?: Session; admin?: Session; editor?: Session; userPage: string } = { userPage: '' };

const links = { reset: '', magic: '', activation: '', emailVerify: '', emailNotMe: '' };
/** A link from an email, moved into the language under test. */
const inLocale = (link: string, locale: Locale) => link.replace(/\/(en|fr)\//, `/${locale}/`);

const visits: Visit[] = [
  { name: 'sign-in', open: (page, l) => page.goto(`/${l}/login`) },
  {
    name: 'sign-in, password step with an error',
    open: async (page, l) => {
      await page.goto(`/${l}/login`);
      await page.getByLabel(messages[l].Login.identifierLabel).fill('nobody@example.com');
      await page.getByRole('button', { name: messages[l].Login.continue }).click();
      await page.locator('#password').fill('not the password');
      await page.getByRole('button', { name: messages[l].Login.submit, exact: true }).click();
      await page.locator('#login-error:not(:empty)').waitFor();
    },
  },
  {
    name: 'forgot password, with an error',
    open: async (page, l) => {
      await page.goto(`/${l}/forgot-password`);
      await page.getByRole('button', { name: messages[l].ForgotPassword.submit }).click();
      await page.locator('#form-error:not(:empty)').waitFor();
    },
  },
  { name: 'reset code', open: (page, l) => page.goto(`/${l}/reset-password/code?sent=1`) },
  {
    name: 'new password, with errors',
    open: async (page, l) => {
      await page.goto(inLocale(links.reset, l));
      await page.locator('#password').fill('short');
      await page.locator('#confirmation').fill('different');
      await page.getByRole('button', { name: messages[l].ResetPassword.submit }).click();
      await page.locator('#confirmation-errors li').waitFor();
    },
  },
  { name: 'a link that does not work', open: (page, l) => page.goto(`/${l}/reset-password?token=nope`) },
  { name: 'one-time link', open: (page, l) => page.goto(`/${l}/magic-link`) },
  { name: 'one-time code', open: (page, l) => page.goto(`/${l}/magic-link/code?sent=1`) },
  { name: 'one-time link confirmation', open: (page, l) => page.goto(inLocale(links.magic, l)) },
  { name: 'new activation link', open: (page, l) => page.goto(`/${l}/activate`) },
  { name: 'activation', open: (page, l) => page.goto(inLocale(links.activation, l)) },
  { name: 'can’t sign in', open: (page, l) => page.goto(`/${l}/help/cant-sign-in`) },
  { name: 'company sign-in that did not finish', open: (page, l) => page.goto(`/${l}/login/sso?problem=refused`) },
  { name: 'not found', open: (page, l) => page.goto(`/${l}/no-such-page`) },
  { name: 'development mailbox', open: (page, l) => page.goto(`/${l}/dev/mailbox`) },
  { name: 'account', member: true, open: (page, l) => page.goto(`/${l}/account`) },
  ...(['password', 'email', 'security-question', 'two-step', 'two-step/setup', 'passkeys', 'sessions', 'activity', 'confirm'] as const).map((path) => ({
    name: `account: ${path}`,
    member: true as const,
    open: (page: Page, l: Locale) => page.goto(`/${l}/account/${path}`),
  })),
  {
    name: 'change password, with errors',
    member: true,
    open: async (page, l) => {
      await page.goto(`/${l}/account/password`);
      await page.locator('#current').fill('not the password');
      await page.locator('#password').fill('short');
      await page.getByRole('button', { name: messages[l].ChangePassword.submit }).click();
      await page.locator('#current-errors li').waitFor();
    },
  },
  { name: 'new email address confirmation', open: (page, l) => page.goto(inLocale(links.emailVerify, l)) },
  { name: '“this wasn’t me” for an email change', open: (page, l) => page.goto(inLocale(links.emailNotMe, l)) },
  {
    name: 'own password in place of a temporary one, with errors',
    open: async (page, l) => {
      await signIn(page, l, e2eAccounts.accessibleTemporary.email);
      await page.waitForURL(`**/${l}/login/new-password**`);
      await page.locator('#password').fill('short');
      await page.getByRole('button', { name: messages[l].NewPassword.submit }).click();
      await page.locator('#password-errors li').first().waitFor();
    },
  },
  {
    name: 'access code, with an error',
    open: async (page, l) => {
      await page.goto(`/${l}/forgot-password/access-code`);
      await page.getByLabel(messages[l].Recovery.identifierLabel).fill('nobody@example.com');
      await page.getByLabel(messages[l].Recovery.accessCodeLabel, { exact: true }).fill('ABCD-EFGH-JKMN-PQRS');
      await page.getByRole('button', { name: messages[l].ForgotPassword.accessCodeSubmit }).click();
      await page.locator('#form-error:not(:empty)').waitFor();
    },
  },
  { name: 'admin: locked users', admin: true, open: (page, l) => page.goto(`/${l}/admin/users?state=locked`) },
  { name: 'admin: a user', admin: true, open: (page, l) => page.goto(`/${l}${sessions.userPage}`) },
  { name: 'admin: confirming an operation', admin: true, open: (page, l) => page.goto(`/${l}${sessions.userPage}?confirm=deactivate`) },
  {
    name: 'admin: an access code to hand on',
    admin: true,
    open: async (page, l) => {
      await page.goto(`/${l}${sessions.userPage}?confirm=accessCode`);
      await page.getByRole('button', { name: messages[l].Admin.user.ops.accessCode.label }).click();
      await page.getByTestId('access-code').waitFor();
    },
  },
  { name: 'admin: audit log, with a date error', admin: true, open: (page, l) => page.goto(`/${l}/admin/audit?from=2026-11-30&to=2026-11-01`) },
  { name: 'admin: failed emails', admin: true, open: (page, l) => page.goto(`/${l}/admin/emails`) },
  { name: 'admin: confirming a change to a whole list', admin: true, open: (page, l) => page.goto(`/${l}/admin/users/bulk?q=nobody&op=deactivate`) },
  { name: 'admin: jobs', admin: true, open: (page, l) => page.goto(`/${l}/admin/jobs`) },
  {
    name: 'admin: import accounts, with an error',
    admin: true,
    open: async (page, l) => {
      await page.goto(`/${l}/admin/users/import`);
      await page.getByLabel(messages[l].Admin.import.file).setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nAda\n') });
      await page.getByRole('button', { name: messages[l].Admin.import.submit }).click();
      await page.locator('#import-file-errors li').waitFor();
    },
  },
  { name: 'admin: company sign-ins', admin: true, open: (page, l) => page.goto(`/${l}/admin/sso`) },
  { name: 'admin: a new company sign-in', admin: true, open: (page, l) => page.goto(`/${l}/admin/sso/new`) },
  {
    name: 'admin: create a user, with errors',
    admin: true,
    open: async (page, l) => {
      await page.goto(`/${l}/admin/users/new`);
      await page.getByRole('button', { name: messages[l].Admin.create.submit }).click();
      await page.locator('#email-errors li').waitFor();
    },
  },
  { name: 'editor: translations', editor: true, open: (page, l) => page.goto(`/${l}/admin/translations?filter=stale`) },
  { name: 'editor: a page’s words, previewed on the page', editor: true, open: (page, l) => page.goto(`/${l}/admin/translations/edit?key=Login.title`) },
  {
    name: 'editor: a message with an error, and the email previews',
    editor: true,
    open: async (page, l) => {
      const t = messages[l].Admin.translations;
      await page.goto(`/${l}/admin/translations/edit?key=Emails.passwordReset.subject`);
      await page.getByLabel(t.value.replace('{language}', t.languages[l]), { exact: true }).fill('{oops');
      await page.getByRole('button', { name: t.save }).nth(l === 'en' ? 0 : 1).click();
      await page.locator(`#value-${l}-errors li`).waitFor();
    },
  },
  {
    name: '2-step verification at sign-in',
    open: async (page, l) => {
      await signIn(page, l, e2eAccounts.accessibleTwoStep.email);
      await page.waitForURL(`**/${l}/login/verify**`);
    },
  },
];

/**
 * The pages that stand for each distinct layout (the public card, the account's, the admin
 * area's lists, detail pages and forms, the editor's table and previews) and for each kind of
 * content that can overflow a narrow screen (tables, long codes and addresses, error lists):
 * these are opened without JavaScript on a 320 px screen as well.
 */
const distinctLayouts = new Set([
  'sign-in',
  'sign-in, password step with an error',
  'new password, with errors',
  'can’t sign in',
  'not found',
  'development mailbox',
  'account',
  'account: two-step/setup',
  'account: sessions',
  'account: activity',
  'admin: locked users',
  'admin: a user',
  'admin: an access code to hand on',
  'admin: audit log, with a date error',
  'admin: create a user, with errors',
  'editor: translations',
  'editor: a message with an error, and the email previews',
  '2-step verification at sign-in',
]);

/**
 * The pages whose focusable parts, together, hold every kind of component (links, buttons,
 * text, password and date fields with their toggles, selects, checkboxes, tables, the language
 * switch, the editor's text areas): the keyboard walks through these, since one rule draws
 * every focus ring (app/globals.css).
 */
const focusRingPages = new Set([
  'sign-in',
  'new password, with errors',
  'account',
  'account: two-step',
  'account: passkeys',
  'admin: locked users',
  'admin: a user',
  'admin: audit log, with a date error',
  'admin: create a user, with errors',
  'editor: translations',
  'editor: a message with an error, and the email previews',
]);

/**
 * axe on the page. Sandboxed frames (the editor's email previews) run no script, axe's
 * included, and would hang it; what they show is an email, not a page of the site.
 */
const analyze = (page: Page) => new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();

/**
 * A page as a browser without JavaScript shows it: the server's HTML, with no script run
 * (scripts are refused rather than disabled, so that axe itself can still run in the page).
 */
async function openWithoutScripts(browserInstance: Browser, options: BrowserContextOptions): Promise<Page> {
  const page = await openPage(browserInstance, target.baseURL, { ...options, viewport: { width: 320, height: 640 } });
  await page.route(/\.js(\?|$)/, (route) => route.abort());
  return page;
}

/**
 * Runs in the page: contrast ratios of what is actually painted. 'fields' measures every
 * field's border against its surroundings; 'focus' the focus ring of the focused element.
 */
function measure(what: string): string[] {
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
    [r, g, b]
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, index) => sum + c * [0.2126, 0.7152, 0.0722][index]!, 0);
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const background = (element: Element | null) => {
    for (let node = element; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color !== 'transparent' && rgb(color)[3] !== 0) return color;
    }
    return 'rgb(255, 255, 255)';
  };
  if (what === 'fields') {
    return [...document.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([hidden]), select')]
      .map((field) => [field.id, ratio(getComputedStyle(field).borderTopColor, background(field.parentElement))] as const)
      .filter(([, value]) => value < 3)
      .map(([id, value]) => `#${id} border ${value.toFixed(2)}`);
  }
  const element = document.activeElement;
  // Focus inside a frame (an email preview) is drawn by the frame's own document, not here.
  if (!element || element === document.body || element.tagName === 'IFRAME') return [];
  const style = getComputedStyle(element);
  const value = ratio(style.outlineColor, background(element.parentElement));
  const name = `${element.tagName.toLowerCase()} "${(element.textContent || element.id).trim().slice(0, 30)}"`;
  return style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2 || value < 3 ? [`${name} focus ring ${value.toFixed(2)}`] : [];
}

/** WCAG 1.4.11: field borders at 3:1. */
const fieldBorders = (page: Page): Promise<string[]> => page.evaluate(measure, 'fields');

/** WCAG 1.4.11: field borders at 3:1, and a 3:1 focus ring on everything the keyboard reaches. */
async function nonTextContrast(page: Page): Promise<string[]> {
  const problems = await fieldBorders(page);
  for (let step = 0; step < 20; step += 1) {
    await page.keyboard.press('Tab');
    problems.push(...(await page.evaluate(measure, 'focus')));
  }
  return problems;
}

describe('accessibility of every page', () => {
  beforeAll(async () => {
    const account = e2eAccounts.accessible;
    for (const [kind, path, next] of [
      ['reset', '/en/forgot-password', '/en/reset-password'],
      ['magic', '/en/magic-link', '/en/magic-link/confirm'],
    ] as const) {
      const seen = await countEmailsTo(target, account.email);
      await postRaw(target.baseURL, path, await formFields(target.baseURL, path, { identifier: account.email }), { origin: target.baseURL });
      links[kind] = linkIn(await nextEmailTo(target, account.email, seen), next);
    }
    links.activation = linkIn(await nextEmailTo(target, e2eAccounts.accessiblePending.email, 0), '/fr/activate');

    // An account with emailed 2-step codes, for the verification page.
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, 'en', e2eAccounts.accessibleTwoStep.email);
    await page.waitForURL('**/en/account');
    await page.goto('/en/account/two-step');
    await page.locator('#email-on-password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: en.TwoStep.email.turnOn }).click();
    await page.waitForURL('**/en/account/two-step/recovery-codes');
    await page.context().close();

    // An email change under way, for the pages its two emails open.
    const moving = e2eAccounts.accessibleEmailChange;
    const mover = await openPage(browser(), target.baseURL);
    await signIn(mover, 'en', moving.email);
    await mover.waitForURL('**/en/account');
    await mover.goto('/en/account/email');
    await mover.getByLabel(en.EmailChange.newLabel, { exact: true }).fill('accessible.moved@example.com');
    await mover.getByRole('button', { name: en.EmailChange.submit }).click();
    await mover.waitForURL('**/en/account/email?sent=1');
    links.emailVerify = linkIn(await nextEmailTo(target, 'accessible.moved@example.com', 0), '/en/account/email/verify');
    links.emailNotMe = linkIn(await nextEmailTo(target, moving.email, 0), '/en/account/email/not-me');
    await mover.context().close();

    const adminPage = await openPage(browser(), target.baseURL);
    await enterAdmin(target, adminPage, e2eAccounts.accessibleAdmin.email, 'en');
    sessions.userPage = `/admin/users/${await idOf(adminPage, e2eAccounts.accessible.name, 'en')}`;
    sessions.admin = await adminPage.context().storageState();
    await adminPage.context().close();

    const editorPage = await openPage(browser(), target.baseURL);
    await signIn(editorPage, 'en', e2eAccounts.editorEn.email);
    await editorPage.waitForURL('**/en/account');
    sessions.editor = await editorPage.context().storageState();
    await editorPage.context().close();

    const memberPage = await openPage(browser(), target.baseURL);
    await signIn(memberPage, 'en', e2eAccounts.accessible.email);
    await memberPage.waitForURL('**/en/account');
    sessions.member = await memberPage.context().storageState();
    await memberPage.context().close();
  });

  const sessionFor = (visit: Visit): BrowserContextOptions => {
    const storageState = visit.member ? sessions.member : visit.admin ? sessions.admin : visit.editor ? sessions.editor : undefined;
    return storageState ? { storageState } : {};
  };

  it('names only pages it visits among the layouts and the focus-ring pages', () => {
    const names = new Set(visits.map((visit) => visit.name));
    expect([...distinctLayouts, ...focusRingPages].filter((name) => !names.has(name))).toEqual([]);
  });

  // Each page state once with JavaScript, in English; each distinct layout again without, on a
  // 320 px screen, in French, whose longer words are the first to overflow. That every page
  // speaks both languages is locale.e2e's to prove.
  describe('with JavaScript, in English', () => {
    const locale = 'en';
    it.each(visits.map((visit) => [visit.name, visit] as const))('%s', async (_name, visit) => {
      const page = await openPage(browser(), target.baseURL, sessionFor(visit));
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await visit.open(page, locale);
      // After a form's answer the title streams in with the page's metadata.
      await page.waitForFunction(() => document.title !== '');
      const { violations } = await analyze(page);
      const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([]);
      expect(focusRingPages.has(visit.name) ? await nonTextContrast(page) : await fieldBorders(page)).toEqual([]);
      expect(refused).toEqual([]);
    });
  });

  describe('without JavaScript, on a 320 px screen, in French', () => {
    const locale = 'fr';
    const layouts = visits.filter((visit) => distinctLayouts.has(visit.name));
    it.each(layouts.map((visit) => [visit.name, visit] as const))('%s', async (_name, visit) => {
      const page = await openWithoutScripts(browser(), sessionFor(visit));
      await visit.open(page, locale);
      const { violations } = await analyze(page);
      const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    });
  });
});
