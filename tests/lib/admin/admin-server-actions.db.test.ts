import '../../helpers/mock-next-request';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectionActions, createAction, makeConnection, retryEmailAction, userActions } from '../../helpers/admin-server-actions';
import { bulkUnlockJobAction } from '@/app/[locale]/admin/users/bulk/actions';
import { answerOf, form, requestState, resetRequestState, type Answer } from '../../helpers/server-action-context';

import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { db } from '@/lib/db/client';
import { auditEvents, emailOutbox, sessions, ssoConnections, users } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import { reserveAttempt } from '@/lib/db/throttle';
import { findUserById } from '@/lib/db/users';
import { markEmailFailed } from '@/lib/db/outbox';
import { queueEmail } from '@/lib/email/outbox';
import { emailTemplates } from '@/lib/email/templates';
import { can, type Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { withMigratedDatabase } from '../../helpers/database';
import { latestEmailTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();
beforeEach(resetRequestState);

type Caller = { name: string; make: (team: string) => Promise<Actor | null> };

/** Signs `actor` in for the next calls: a session row, its token in the Auth.js cookie. */
async function signedIn(role: Actor['role'], team?: string): Promise<Actor> {
  const made = await makeUser({ role, team });
  // Admins and managers may only act with 2-step verification on (the default policy).
  await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, made.id));
  const user = (await findUserById(made.id))!;
  const token = await createSession({ userId: user.id, ip: null, userAgent: null, absoluteHours: 1 });
  requestState.sessionToken = token;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

const callers: Caller[] = [
  { name: 'anonymous', make: async () => null },
  { name: 'a user', make: () => signedIn('user') },
  { name: 'an editor', make: () => signedIn('editor') },
  { name: 'a manager of another team', make: () => signedIn('manager', `other-${randomUUID()}`) },
  { name: 'the manager of the team', make: (team) => signedIn('manager', team) },
  { name: 'an admin', make: () => signedIn('admin') },
];

/** What the table says the caller gets: sent to sign in, "not found", or the action done. */
function expected(actor: Actor | null, permission: AdminAction, target?: { id: string; role: 'user'; teamId: string | null }): Answer['kind'] | 'signIn' {
  if (!actor) return 'signIn';
  if (!can(actor, permission)) return 'notFound';
  if (target && !can(actor, permission, target)) return 'notFound';
  return 'redirect';
}

const kindOf = (answer: Answer) => (answer.kind === 'redirect' && answer.to.includes('/login?') ? 'signIn' : answer.kind);

async function lock(userId: string) {
  for (let index = 0; index < 5; index += 1) await reserveAttempt(throttleSubjects.account(userId), { threshold: 5, lockMinutes: 60 });
}
const eventsFor = async (userId: string, event: string) =>
  (await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, userId), eq(auditEvents.event, event)))).length;

describe.each(userActions)('the server action "$name"', (action) => {
  it.each(callers)('called directly as $name does exactly what the permission table allows', async (caller) => {
    const team = `team-${randomUUID()}`;
    const target = await makeUser({ team, locale: 'fr', ...(action.state === 'pending' ? { state: 'pending', password: undefined } : {}) });
    if (action.state === 'deactivated') await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, target.id));
    if (action.locked) await lock(target.id);
    const actor = await caller.make(team);
    const stored = (await findUserById(target.id))!;
    const answer = await answerOf(() => action.call(target.id));
    const reaches = expected(actor, action.permission, { id: target.id, role: 'user', teamId: stored.teamId }) === 'redirect';
    // A list action skips the rows out of reach; an action on one account says "not found".
    const want = action.list ? expected(actor, action.permission) : expected(actor, action.permission, { id: target.id, role: 'user', teamId: stored.teamId });
    expect(kindOf(answer)).toBe(want);
    if (want === 'redirect') expect(answer.kind === 'redirect' && answer.to).toMatch(/^\/fr\/admin\/users/);
    expect(await eventsFor(target.id, action.event)).toBe(reaches ? 1 : 0);
  });
});

describe('creating a user through its server action', () => {
  it.each(callers)('as $name: only those the table lets create, into their own reach', async (caller) => {
    const team = `team-${randomUUID()}`;
    const actor = await caller.make(team);
    const email = `created-${randomUUID().slice(0, 8)}@example.com`;
    const answer = await answerOf(() => createAction(email, 'user', ''));
    const want = expected(actor, 'users.create');
    expect(kindOf(answer)).toBe(want);
    expect(!!(await latestEmailTo(email))).toBe(want === 'redirect');
  });

  it('ignores a manager\'s posted team and refuses a role they may not grant', async () => {
    const manager = await signedIn('manager', `team-${randomUUID()}`);
    const elsewhere = (await findUserById((await makeUser({ team: `team-${randomUUID()}` })).id))!;
    const admin = `admin-${randomUUID().slice(0, 8)}@example.com`;
    const refused = await answerOf(() => createAction(admin, 'admin', elsewhere.teamId!));
    expect(refused).toMatchObject({ kind: 'result', value: { ok: false, fieldErrors: { role: [expect.any(String)] } } });
    expect(await latestEmailTo(admin)).toBeUndefined();

    const plain = `plain-${randomUUID().slice(0, 8)}@example.com`;
    expect(kindOf(await answerOf(() => createAction(plain, 'user', elsewhere.teamId!)))).toBe('redirect');
    const [created] = await db().select().from(users).where(eq(users.email, plain));
    expect(created?.teamId).toBe(manager.teamId);
  });
});

describe('creating a user with a language that is not in the list', () => {
  it('refuses it beside the language field, in the form’s language, and creates nobody', async () => {
    await signedIn('admin', `team-${randomUUID()}`);
    for (const language of ['', 'de', 'fr\u0000']) {
      const email = `tongue-${randomUUID().slice(0, 8)}@example.com`;
      const answer = await answerOf(() => createAction(email, 'user', '', language));
      expect(answer, JSON.stringify(language)).toMatchObject({ kind: 'result', value: { ok: false, fieldErrors: { language: ['Choisissez une langue dans la liste.'] } } });
      expect(await db().select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });
});

describe('retrying a failed email through its server action', () => {
  it.each(callers)('as $name: only admins', async (caller) => {
    const team = `team-${randomUUID()}`;
    const person = await makeUser({ team });
    const id = await db().transaction((tx) =>
      queueEmail(tx, { template: 'adminNotice', to: person.email, locale: 'fr', userId: person.id, props: emailTemplates.adminNotice.preview.props }),
    );
    await db().update(emailOutbox).set({ attempts: 5 }).where(eq(emailOutbox.id, id));
    await markEmailFailed(id, 'provider answered 500');
    const actor = await caller.make(team);
    const answer = await answerOf(() => retryEmailAction(form({ locale: 'en', emailId: id })));
    const want = expected(actor, 'outbox.retry');
    expect(kindOf(answer)).toBe(want);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row?.status).toBe(want === 'redirect' ? 'pending' : 'failed');
  });
});

describe.each(connectionActions)('the company sign-in server action "$name"', (action) => {
  it.each(callers)('called directly as $name: only admins, and nothing changes for anyone else', async (caller) => {
    const name = `Entreprise ${randomUUID().slice(0, 8)}`;
    const connectionId = await makeConnection();
    const actor = await caller.make(`team-${randomUUID()}`);
    const before = await db().select().from(ssoConnections).where(eq(ssoConnections.id, connectionId));
    const answer = await answerOf(() => action.call(connectionId, name));
    const allowed = expected(actor, 'sso.manage') === 'redirect';
    expect(kindOf(answer)).toBe(allowed ? action.answer : expected(actor, 'sso.manage'));
    if (allowed && action.answer === 'redirect') expect(answer.kind === 'redirect' && answer.to).toMatch(/^\/fr\/admin\/sso/);
    if (allowed && action.answer === 'result') expect(answer).toMatchObject({ kind: 'result', value: { ok: false, formError: expect.any(String) } });
    if (!allowed) expect(await db().select().from(ssoConnections).where(eq(ssoConnections.id, connectionId))).toEqual(before);
    if (action.event) {
      const events = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.event, action.event), sql`${auditEvents.detail}->>'connection' in (${name}, ${before[0]!.name})`));
      expect(events.length).toBe(allowed ? 1 : 0);
    }
  });
});

describe('an admin whose sign-in is not recent', () => {
  it.each(userActions)('is asked for their password before "$name", and nothing happens', async (action) => {
    const target = await makeUser({ ...(action.state === 'pending' ? { state: 'pending', password: undefined } : {}) });
    if (action.state === 'deactivated') await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, target.id));
    if (action.locked) await lock(target.id);
    const admin = await signedIn('admin');
    await db().update(sessions).set({ authenticatedAt: new Date(Date.now() - 60 * 60_000) }).where(eq(sessions.userId, admin.id));
    const answer = await answerOf(() => action.call(target.id));
    expect(answer.kind === 'redirect' && answer.to).toMatch(/^\/fr\/account\/confirm\?next=/);
    expect(await eventsFor(target.id, action.event)).toBe(0);
  });

  it.each(connectionActions)('is asked for their password before "$name", and nothing changes', async (action) => {
    const connectionId = await makeConnection();
    const before = await db().select().from(ssoConnections).where(eq(ssoConnections.id, connectionId));
    const admin = await signedIn('admin');
    await db().update(sessions).set({ authenticatedAt: new Date(Date.now() - 60 * 60_000) }).where(eq(sessions.userId, admin.id));
    const answer = await answerOf(() => action.call(connectionId, `Entreprise ${randomUUID().slice(0, 8)}`));
    expect(answer.kind === 'redirect' && answer.to).toMatch(/^\/fr\/account\/confirm\?next=/);
    expect(await db().select().from(ssoConnections).where(eq(ssoConnections.id, connectionId))).toEqual(before);
  });
});

describe('the confirmation of a bulk operation on a users-list filter', () => {
  const started = async (actorId: string) =>
    (await db().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, actorId), eq(auditEvents.event, 'admin.job_started')))).length;
  const team = '00000000-0000-4000-8000-0000000000aa';

  it('starts the job the page confirmed, for exactly its filter', async () => {
    const admin = await signedIn('admin');
    const answer = await answerOf(() => bulkUnlockJobAction(form({ locale: 'en', op: 'unlock', q: 'nobody-here', state: 'locked', team: '' })));
    expect(answer.kind === 'redirect' && answer.to).toMatch(/^\/en\/admin\/jobs\/[0-9a-f-]{36}$/);
    expect(await started(admin.id)).toBe(1);
  });

  // Read leniently, as the list's address is, each of these would have become "every account".
  it.each([
    ['no operation named', { op: '', q: '', state: '', team: '' }],
    ['another operation named', { op: 'deactivate', q: '', state: 'locked', team: '' }],
    ['a state that does not exist', { op: 'unlock', q: '', state: 'lockd', team: '' }],
    ['a team that is not an id', { op: 'unlock', q: '', state: '', team: 'support' }],
    ['a search holding a NUL', { op: 'unlock', q: 'a\u0000b', state: '', team: team }],
    ['a search holding undecodable bytes', { op: 'unlock', q: 'caf\uFFFD', state: '', team: '' }],
  ])('starts nothing for a form with %s', async (_case, fields) => {
    const admin = await signedIn('admin');
    const answer = await answerOf(() => bulkUnlockJobAction(form({ locale: 'en', ...fields })));
    expect(answer.kind).toBe('result');
    expect(await started(admin.id)).toBe(0);
  });
});
