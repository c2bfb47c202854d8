import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession, idOf } from './admin-entry';
import { accountIds, auditSince, inCatalogue, lastAuditEvent, multipart, pageRoutes, rowSnapshot, shownErrors, type Part } from './bad-input';
import { openPage, sharedBrowser, signIn } from './browser';
import { e2eAccounts } from './fixtures';
import { countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { formFields, postRaw } from './raw-form';
import { startSession } from './session';
import { root } from './site';
import { sharedTargets } from './targets';

// PostgreSQL when the suite has it: there the rows a post must not change can be read.
const targets = sharedTargets();
const target = targets.find((candidate) => candidate.name === 'postgres') ?? targets[0]!;
const browser = sharedBrowser();

type Locale = 'en' | 'fr';
type Visitor = 'anonymous' | 'temporary' | 'member' | 'admin' | 'challenged';

/** Pages no visitor here reaches, and why: any other page that cannot be reached fails the suite. */
const excluded: Record<string, string> = {
  '/': 'only redirects, to the sign-in page or the account page',
  '/dev/mailbox': 'the development mailbox exists on the embedded database only, and has no form',
  '/dev/mailbox/[id]': 'the development mailbox exists on the embedded database only, and has no form',
  '/admin': 'only redirects, to the list of users',
  '/account/two-step/recovery-codes': 'shown once, when 2-step verification is turned on; its one form is a button with no field',
  '/admin/jobs/[id]': 'a job’s progress, which has no form (this suite starts no job: a bulk form refuses what it is posted)',
  '/admin/sso/[id]': 'a saved company sign-in connection, which this suite has none of: its form is the one of /admin/sso/new, posted there',
};

/** Who can reach a page: its flow's visitor, a member for the account pages, an admin for the admin area. */
function visitorOf(route: string): Visitor {
  if (route === '/login/new-password') return 'temporary';
  if (route === '/login/verify') return 'challenged';
  if (route.startsWith('/account')) return 'member';
  if (route.startsWith('/admin')) return 'admin';
  return 'anonymous';
}

/** What a page needs in its address to show anything (its dynamic segments are filled apart). */
const queries: Record<string, string> = {
  '/admin/translations/edit': '?key=Error.title',
  // Without an address of a company's domain it sends the person back to the sign-in page.
  '/login/sso': '?problem=ended',
};

/** The pages opened from an email, with the query of a link this suite was sent (filled below). */
const emailed: Record<string, string> = {};

const routes = pageRoutes(root);

interface Field {
  name: string;
  value: string;
  /** What a person types or chooses, as opposed to what the page carries for itself. */
  visible: boolean;
  /** Not the action's reference, the form's language (the answer's) or where to go afterwards. */
  tamperable: boolean;
  /** Typed text that is no secret (a password) and no one-time code: a refusal gives it back. */
  kept: boolean;
}

interface FoundForm {
  action: string;
  label: string;
  fields: Field[];
}

/** Every POST form of the page, with what a browser would send for it. */
async function formsOf(page: Page): Promise<FoundForm[]> {
  return page.$$eval('form', (forms) =>
    forms
      // Attributes, not properties: a field named "method", "action" or "id" would shadow them.
      .filter((form) => form.getAttribute('method')?.toLowerCase() === 'post')
      .map((form) => {
        const fields: Array<{ name: string; value: string; visible: boolean; tamperable: boolean; kept: boolean }> = [];
        const seen = new Set<string>();
        let submitter = false;
        for (const element of Array.from(form.elements) as Array<HTMLInputElement>) {
          if (!element.name || element.disabled || seen.has(element.name)) continue;
          const button = element.tagName === 'BUTTON' || ['submit', 'button', 'reset'].includes(element.type);
          if (button) {
            // The browser sends the button pressed: the first one, as Enter would.
            if (submitter || element.type !== 'submit') continue;
            submitter = true;
          }
          seen.add(element.name);
          // Where to go afterwards is made safe wherever it is read (tests/lib/auth/redirects):
          // tampering with it posts the form as it is, which does what the form is for.
          const fixed = ['locale', 'callbackUrl', 'next'].includes(element.name) || element.name.startsWith('$ACTION_');
          const tamperable = !button && !fixed;
          const visible = tamperable && element.type !== 'hidden';
          const text = element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && ['text', 'email', 'tel', 'search'].includes(element.type));
          const kept = visible && text && !['one-time-code', 'off'].includes(element.getAttribute('autocomplete') ?? '');
          fields.push({ name: element.name, value: element.value, visible, tamperable, kept });
        }
        const words = (form.querySelector('button[type=submit], button:not([type])')?.textContent ?? '').trim();
        // Without an address of its own (a server action's form), a form posts to the page.
        const action = new URL(form.getAttribute('action') || location.href, location.href).href;
        return { action, label: form.getAttribute('id') || words || '(no button)', fields };
      }),
  );
}

/** Enough for every "edit" and "confirm" state of a page; a long list's pages and sorts add nothing. */
const MAX_STATES = 25;

/** The addresses of this page with another query that its links lead to. */
async function sameRouteLinks(page: Page): Promise<string[]> {
  const here = new URL(page.url());
  const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => (link as HTMLAnchorElement).href));
  const states = hrefs.map((href) => new URL(href)).filter((url) => url.origin === here.origin && url.pathname === here.pathname && url.search !== '' && url.search !== here.search);
  return [...new Set(states.map((url) => url.href))];
}

interface BadValue {
  name: string;
  parts: (field: Field) => Part[];
}

const megabyte = 'M'.repeat(1024 * 1024);
const badValues: BadValue[] = [
  { name: 'empty', parts: ({ name }) => [{ name, value: '' }] },
  { name: '10 KB', parts: ({ name }) => [{ name, value: 'k'.repeat(10 * 1024) }] },
  { name: '1 MB', parts: ({ name }) => [{ name, value: megabyte }] },
  { name: 'NUL', parts: ({ name }) => [{ name, value: 'nul\u0000byte' }] },
  { name: 'invalid UTF-8', parts: ({ name }) => [{ name, value: Buffer.from([0x62, 0x61, 0x64, 0xc3, 0x28, 0xff, 0xfe, 0xa0, 0xa1]) }] },
  { name: 'bidi override', parts: ({ name }) => [{ name, value: 'admin\u202Egpj.exe' }] },
  // A browser sends one value per field; the first of several counts, and here it is empty.
  {
    name: 'array',
    parts: ({ name }) => [
      { name, value: '' },
      { name, value: 'second' },
    ],
  },
  { name: 'file', parts: ({ name }) => [{ name, value: 'a file instead of text', filename: 'value.txt' }] },
];

/** The audit events a refused post may write: the attempts the site counts. */
const countedAttempts = new Set(['sign_in.failed', 'session.confirm_failed', 'two_step.failed']);

const actionFailed = { en: en.Error.action, fr: fr.Error.action };

interface Outcome {
  where: string;
  problem: string;
}

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/**
 * Posts each bad value into every form of the page and says what went wrong: a 5xx, an answer
 * in the other language or in words the catalogue does not have, or a row changed. Typed
 * fields (`typed`) must also be refused, with an error the person can read; fields the page
 * carries for itself (`tampered`) only need to come to no harm, as no person types them.
 */
async function postBadValues(
  page: Page,
  locale: Locale,
  sql: postgres.Sql | undefined,
  posted: Set<string>,
): Promise<{ problems: Outcome[]; posts: number }> {
  const problems: Outcome[] = [];
  const cookie = await cookieHeader(page);
  let posts = 0;
  const found = await formsOf(page);
  for (const form of found) {
    // The same form on another state of the page (a search, a notice) is posted once.
    const identity = [new URL(form.action).pathname, ...form.fields.map((field) => (field.tamperable ? field.name : `${field.name}=${field.value}`))].join('|');
    if (posted.has(identity)) continue;
    posted.add(identity);
    for (const pass of ['typed', 'tampered'] as const) {
      const replaced = (field: Field) => (pass === 'typed' ? field.visible : field.tamperable && !field.visible);
      if (!form.fields.some(replaced)) continue;
      for (const bad of badValues) {
        const where = `${page.url().slice(target.baseURL.length)} «${form.label}» ${pass} ${bad.name}`;
        const parts = form.fields.flatMap((field) => (replaced(field) ? bad.parts(field) : [{ name: field.name, value: field.value }]));
        const { body, contentType } = multipart(parts);
        const before = sql ? await rowSnapshot(sql, accounts) : '';
        const lastEvent = sql ? await lastAuditEvent(sql) : 0;
        const response = await fetch(form.action, {
          method: 'POST',
          body: new Uint8Array(body),
          redirect: 'manual',
          headers: { 'content-type': contentType, origin: target.baseURL, cookie },
        });
        const html = await response.text();
        posts += 1;
        const problem = (text: string) => problems.push({ where, problem: text });
        const lang = /<html lang="([^"]+)"/.exec(html)?.[1];
        if (response.status >= 500) problem(`status ${response.status}`);
        if (bad.name === '1 MB' && response.status !== 413) problem(`status ${response.status}, not 413`);
        if (lang !== undefined && lang !== locale) problem(`answered in ${lang}`);
        const errors = shownErrors(html);
        // Words of the form's language only: a line of the other language is in no catalogue of this one.
        for (const line of errors) {
          if (!inCatalogue(locale, line)) problem(`error not in the ${locale} catalogue: ${line.slice(0, 200)}`);
          else if (line === actionFailed[locale]) problem('failed on the server ("something went wrong on our side")');
        }
        if (pass === 'typed' && response.status === 200 && errors.length === 0) problem('accepted: no error shown');
        if (bad.name === '10 KB' && pass === 'typed' && errors.length > 0) {
          const lost = form.fields.filter((field) => field.kept && !typedBack(html, field.name, 'k'.repeat(10 * 1024)));
          if (lost.length > 0) problem(`what was typed is lost: ${lost.map((field) => field.name).join(', ')}`);
        }
        if (sql) {
          const after = await rowSnapshot(sql, accounts);
          if (after !== before) problem(`rows changed: ${difference(before, after)}`);
          const unexpected = (await auditSince(sql, lastEvent, accounts)).filter((event) => !countedAttempts.has(event));
          if (unexpected.length > 0) problem(`audit events written: ${unexpected.join(', ')}`);
        }
      }
    }
  }
  return { problems, posts };
}

/** Whether the answer's form carries `value` in its field `name` again. */
function typedBack(html: string, name: string, value: string): boolean {
  const fields = [...html.matchAll(/<(input|textarea)\b[^>]*>/g)].filter((match) => match[0].includes(` name="${name}"`));
  return fields.some((match) => (match[1] === 'input' ? match[0].includes(`value="${value}"`) : html.startsWith(value, match.index + match[0].length)));
}

/** The first rows that differ between two snapshots, for the failure message. */
function difference(before: string, after: string): string {
  const [a, b] = [JSON.parse(before) as unknown[][], JSON.parse(after) as unknown[][]];
  return a
    .flatMap((rows, table) => {
      const left = new Set(rows.map((row) => JSON.stringify(row)));
      const right = new Set(b[table]!.map((row) => JSON.stringify(row)));
      return [...[...left].filter((row) => !right.has(row)).map((row) => `- ${row}`), ...[...right].filter((row) => !left.has(row)).map((row) => `+ ${row}`)];
    })
    .slice(0, 6)
    .join(' ');
}

const ownAccounts = [
  e2eAccounts.badInputMember,
  e2eAccounts.badInputAdmin,
  e2eAccounts.badInputTarget,
  e2eAccounts.badInputTemporary,
  e2eAccounts.badInputLinks,
  e2eAccounts.badInputPending,
];
let sql: postgres.Sql | undefined;
let accounts: string[] = [];
let targetId = '';
beforeAll(async () => {
  if (!target.databaseUrl) return;
  sql = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
  accounts = await accountIds(sql, ownAccounts.map((account) => account.email));
  expect(accounts).toHaveLength(ownAccounts.length);
});

// The forms behind the links of emails (reset, one-time sign-in, activation, an address change
// and its "not me"): a live link of each, which no bad post may spend.
beforeAll(async () => {
  const { baseURL } = target;
  const query = (link: string) => new URL(link).search;
  const links = e2eAccounts.badInputLinks.email;
  for (const [route, request] of [
    ['/reset-password', '/en/forgot-password'],
    ['/magic-link/confirm', '/en/magic-link'],
  ] as const) {
    const seen = await countEmailsTo(target, links);
    await postRaw(baseURL, request, await formFields(baseURL, request, { identifier: links }), { origin: baseURL });
    emailed[route] = query(linkIn(await nextEmailTo(target, links, seen), `/en${route}`));
  }
  emailed['/activate'] = query(linkIn(await nextEmailTo(target, e2eAccounts.badInputPending.email, 0), '/fr/activate'));

  const moving = e2eAccounts.badInputMember;
  const newAddress = 'bad.input.moved@example.com';
  const mover = await openPage(browser(), baseURL);
  await startSession(target, mover, moving.email);
  await mover.goto('/en/account/email');
  const seen = await countEmailsTo(target, moving.email);
  await mover.getByLabel(en.EmailChange.newLabel, { exact: true }).fill(newAddress);
  await mover.getByRole('button', { name: en.EmailChange.submit }).click();
  await mover.waitForURL('**/en/account/email?sent=1');
  emailed['/account/email/verify'] = query(linkIn(await nextEmailTo(target, newAddress, 0), '/en/account/email/verify'));
  emailed['/account/email/not-me'] = query(linkIn(await nextEmailTo(target, moving.email, seen), '/en/account/email/not-me'));
  await mover.context().close();
}, 120_000);

afterAll(async () => {
  await sql?.end();
});

it('names only pages that exist among the pages it leaves out', () => {
  expect(Object.keys(excluded).filter((route) => !routes.includes(route))).toEqual([]);
});

// Each visitor in one language, the two alternating: every action gets every bad value in both
// languages in-process (tests/lib/actions/bad-input.db.test.ts); here the pages, their forms and
// HTTP itself (a megabyte, bytes that are not UTF-8, a file for a text) are what is tried.
describe('bad input in every form', () => {
  /** Signs the visitor in, in a browser of its own, and brings it where its pages begin. */
  async function arrive(visitor: Visitor, locale: Locale): Promise<Page> {
    const page = await openPage(browser(), target.baseURL, { locale: locale === 'fr' ? 'fr-FR' : 'en-GB' });
    if (visitor === 'member') await startSession(target, page, e2eAccounts.badInputMember.email);
    if (visitor === 'temporary') await signIn(page, locale, e2eAccounts.badInputTemporary.email);
    if (visitor === 'admin') {
      await enterAdminWithSession(target, page, e2eAccounts.badInputAdmin.email, locale);
      targetId ||= await idOf(page, e2eAccounts.badInputTarget.name, locale);
    }
    // Once the admin has entered the admin area, 2-step verification is on: a sign-in stops at
    // its second step. Run alone, this visitor enters the admin area first.
    if (visitor === 'challenged') {
      await signIn(page, locale, e2eAccounts.badInputAdmin.email);
      await page.waitForURL(new RegExp(`/${locale}/(account|login/verify)`));
      if (!page.url().includes('/login/verify')) {
        await enterAdminWithSession(target, await openPage(browser(), target.baseURL), e2eAccounts.badInputAdmin.email, locale);
        await page.context().clearCookies();
        await signIn(page, locale, e2eAccounts.badInputAdmin.email);
        await page.waitForURL(`**/${locale}/login/verify**`);
      }
      // An emailed code asked for, so that the code's form is on the page (the admin has no
      // recovery codes: 2-step verification was turned on for them by the session fixture).
      await page.getByRole('button', { name: { en, fr }[locale].Verify.email.send }).click();
      await page.waitForURL('**email=sent**');
    }
    return page;
  }

  it.each([
    ['anonymous', 'fr'],
    ['temporary', 'en'],
    ['member', 'fr'],
    ['admin', 'en'],
    ['challenged', 'fr'],
  ] as const)(
    'as %s, in %s: every form refuses bad values in the form’s language, without a 5xx or a changed row',
    async (visitor, locale) => {
      const page = await arrive(visitor, locale);
      const problems: Outcome[] = [];
      const posted = new Set<string>();
      let posts = 0;
      for (const route of routes.filter((candidate) => visitorOf(candidate) === visitor && !(candidate in excluded))) {
        const path = `/${locale}${route.replace('[id]', targetId)}`;
        // A page reached through a flow is open already: loaded again, it is read once complete.
        const opened = new URL(page.url()).pathname === path ? await page.reload() : await page.goto(`${path}${queries[route] ?? emailed[route] ?? ''}`);
        if (opened?.status() !== 200 || new URL(page.url()).pathname !== path) {
          problems.push({ where: route, problem: `not reached (status ${opened?.status()}, at ${page.url()}): reach it or leave it out with a reason` });
          continue;
        }
        // The page's other states that its own links open ("edit", "confirm") may hold forms of their own.
        const states = [page.url(), ...(await sameRouteLinks(page))].slice(0, MAX_STATES);
        const postsBefore = posts;
        for (const [index, state] of states.entries()) {
          if (index > 0 && (await page.goto(state))?.status() !== 200) continue;
          const result = await postBadValues(page, locale, sql, posted);
          problems.push(...result.problems);
          posts += result.posts;
        }
        // A link's page shows its form only while the link is live: none means it was spent or refused.
        if (route in emailed && posts === postsBefore) problems.push({ where: route, problem: 'no form behind the emailed link' });
      }
      expect(problems).toEqual([]);
      // Every visitor has forms to post: none means the pages were not what they seemed.
      expect(posts).toBeGreaterThan(0);
    },
    300_000,
  );
});
