import '../../helpers/mock-next-request';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Access } from '@/lib/actions/define-form-action';
import { noResult } from '@/lib/actions/form-result';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { inCatalogue } from '../../e2e/bad-input';
import { withMigratedDatabase } from '../../helpers/database';
import { answerOf, missingMessages, requestState, resetRequestState } from '../../helpers/server-action-context';
import { makeUser } from '../../helpers/users';

// Every server action of the app, called as the browser's post would reach it, with a bad value
// in every field: through the one pipeline, which records here what each action reads.
// The HTTP side (a megabyte, bytes that are not UTF-8, content types) is bad-input.e2e's.

interface Defined {
  kind: 'form' | 'submit';
  name: string;
  fields: string[];
  access: Access;
}
const pipeline = vi.hoisted(() => new Map<unknown, Defined>());
vi.mock('@/lib/actions/define-form-action', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/actions/define-form-action')>();
  type Options = { name: string; schema: { shape: object }; access: Access };
  const recorded =
    (kind: Defined['kind'], define: (options: never, handler: never) => unknown) =>
    (options: Options, handler: unknown) => {
      const action = define(options as never, handler as never);
      pipeline.set(action, { kind, name: options.name, fields: Object.keys(options.schema.shape), access: options.access });
      return action;
    };
  return { ...actual, defineFormAction: recorded('form', actual.defineFormAction), defineSubmitAction: recorded('submit', actual.defineSubmitAction) };
});

withMigratedDatabase();
beforeEach(resetRequestState);

const appFolder = path.resolve(import.meta.dirname, '../../../app');

/** Every module of the app that declares server actions, from the folders (nothing to keep up to date). */
function serverActionModules(): string[] {
  return readdirSync(appFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && /^['"]use server['"]/.test(readFileSync(path.join(appFolder, file), 'utf8')))
    .sort();
}

interface Action {
  where: string;
  call: (data: FormData) => Promise<unknown>;
  defined: Defined | undefined;
}

async function everyAction(): Promise<Action[]> {
  const actions: Action[] = [];
  for (const file of serverActionModules()) {
    const exports = (await import(/* @vite-ignore */ path.join(appFolder, file))) as Record<string, unknown>;
    for (const [name, exported] of Object.entries(exports)) {
      if (typeof exported !== 'function') continue;
      const defined = pipeline.get(exported);
      const action = exported as (...args: unknown[]) => Promise<unknown>;
      actions.push({ where: `${file} ${name}`, defined, call: (data) => (defined?.kind === 'form' ? action(noResult, data) : action(data)) });
    }
  }
  return actions;
}

type Locale = 'en' | 'fr';
const tenKilobytes = 'k'.repeat(10 * 1024);
const badValues: Array<{ name: string; values: Array<string | File> }> = [
  { name: 'empty', values: [''] },
  { name: '10 KB', values: [tenKilobytes] },
  { name: 'NUL', values: ['nul\u0000byte'] },
  // What bytes that are not UTF-8 become once decoded (U+FFFD), and a lone surrogate besides.
  { name: 'undecodable', values: ['bad\uFFFD(\uD800'] },
  { name: 'bidi override', values: ['admin\u202Egpj.exe'] },
  // A browser sends one value per field; the first of several counts, and here it is empty.
  { name: 'array', values: ['', 'second'] },
  { name: 'file', values: [new File(['a file instead of text'], 'value.txt')] },
];

const actionFailed = { en: en.Error.action, fr: fr.Error.action };
/**
 * Everything a refused call must leave as it was: the accounts, and every table's rows; of the
 * audit log, all but the attempts the site counts (a wrong password is news to the log).
 */
async function snapshot(): Promise<string> {
  const [accounts, counts] = await Promise.all([
    db().execute(sql`
      select id, email, username, phone, name, locale, role, team_id, state, password_hash, must_change_password,
             security_question, security_answer_hash, totp_secret_encrypted, totp_pending_secret_encrypted,
             totp_enabled_at, email_otp_enabled, deactivated_at
      from users order by id`),
    db().execute(sql`
      select (select count(*) from sessions) as sessions,
             (select count(*) from account_tokens where used_at is null and revoked_at is null) as tokens,
             (select count(*) from access_keys where revoked_at is null) as keys,
             (select count(*) from recovery_codes where used_at is null) as codes,
             (select count(*) from email_outbox) as emails,
             (select count(*) from passkeys) as passkeys,
             (select count(*) from teams) as teams,
             (select count(*) from jobs) as jobs,
             (select count(*) from sso_connections) as connections,
             (select count(*) from translation_overrides) as overrides,
             (select count(*) from audit_events where event not in ('sign_in.failed', 'session.confirm_failed', 'two_step.failed')) as audit`),
  ]);
  const rows = (result: unknown) => (result as { rows?: unknown[] }).rows ?? result;
  return JSON.stringify([rows(accounts), rows(counts)]);
}

/** Signs `role` in for the next calls: a session row, its token in the Auth.js cookie. */
async function sessionOf(role: 'user' | 'admin'): Promise<string> {
  const made = await makeUser({ role });
  // Admins act only with 2-step verification on (the default policy).
  if (role === 'admin') await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, made.id));
  const token = await createSession({ userId: made.id, ip: null, userAgent: null, absoluteHours: 1 });
  return token;
}

/** The words a refused form shows: its own line and each field's. */
function wordsOf(value: unknown): string[] {
  const result = value as { ok?: boolean; formError?: string; fieldErrors?: Record<string, string[] | undefined> };
  return [...(result.formError ? [result.formError] : []), ...Object.values(result.fieldErrors ?? {}).flatMap((errors) => errors ?? [])];
}

function formData(locale: Locale, fields: string[], values: Array<string | File>): FormData {
  const data = new FormData();
  data.append('locale', locale);
  for (const field of fields) for (const value of values) data.append(field, value);
  return data;
}

let actions: Action[] = [];
const sessions: Record<'member' | 'admin', string> = { member: '', admin: '' };
beforeAll(async () => {
  actions = await everyAction();
  sessions.member = await sessionOf('user');
  sessions.admin = await sessionOf('admin');
});

describe('every server action, called with bad values', () => {
  it('is defined through the one pipeline, every one of them', () => {
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.filter((action) => !action.defined).map((action) => action.where)).toEqual([]);
  });

  it('sends a caller without a session to sign in, having done nothing, unless it is public', async () => {
    const problems: string[] = [];
    for (const action of actions.filter((candidate) => candidate.defined && candidate.defined.access !== 'public')) {
      const before = await snapshot();
      const answer = await answerOf(() => action.call(formData('fr', action.defined!.fields, ['x'])));
      if (answer.kind !== 'redirect' || !answer.to.startsWith('/fr/login')) problems.push(`${action.where}: ${JSON.stringify(answer)}`);
      if ((await snapshot()) !== before) problems.push(`${action.where}: rows changed`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses every bad value in the form’s language, as the caller it is for, without failing or changing a row', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const action of actions) {
      const defined = action.defined!;
      // A button with no field ("sign out", "publish all"): nothing in it can be bad.
      if (defined.fields.length === 0) continue;
      requestState.sessionToken = defined.access === 'public' ? null : 'permission' in defined.access ? sessions.admin : sessions.member;
      for (const [index, bad] of badValues.entries()) {
        const locale: Locale = index % 2 === 0 ? 'en' : 'fr';
        const where = `${action.where} ${bad.name} (${locale})`;
        const before = await snapshot();
        calls += 1;
        try {
          const answer = await answerOf(() => action.call(formData(locale, defined.fields, bad.values)));
          if (defined.access !== 'public' && answer.kind === 'redirect' && answer.to.includes('/login')) problems.push(`${where}: the session was lost (${answer.to})`);
          if (answer.kind === 'result' && defined.kind === 'form') {
            const words = wordsOf(answer.value);
            if (words.includes(actionFailed[locale])) problems.push(`${where}: failed on the server`);
            for (const line of words) if (!inCatalogue(locale, line)) problems.push(`${where}: not in the ${locale} catalogue: ${line.slice(0, 200)}`);
          }
        } catch (error) {
          problems.push(`${where}: threw ${(error as Error).message.slice(0, 200)}`);
        }
        if ((await snapshot()) !== before) problems.push(`${where}: rows changed`);
        for (const message of missingMessages.splice(0)) problems.push(`${where}: words missing: ${message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(300);
  });
});
