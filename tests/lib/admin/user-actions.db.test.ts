import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enableEmailCodes } from '@/lib/account/two-step';
import { runUserOperation, setUserPassword, unlockUsers, type AdminResult } from '@/lib/admin/user-actions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { db } from '@/lib/db/client';
import { auditEvents, sessions, users } from '@/lib/db/schema';
import { reserveAttempt } from '@/lib/db/throttle';
import { findUserById } from '@/lib/db/users';
import { findUserInScope, listUsersInScope } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import { permissionTable, type AdminAction } from '@/lib/permissions/policy';
import { withMigratedDatabase } from '../../helpers/database';
import { latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.60' };
const NEW_PASSWORD = 'harbour violet compass 64';

async function actorOf(role: Actor['role'], team?: string): Promise<Actor> {
  const made = await makeUser({ role, team });
  const user = (await findUserById(made.id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

const signIn = (email: string) => signInWithPassword({ identifier: email, password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] });
async function lock(userId: string) {
  for (let index = 0; index < 5; index += 1) await reserveAttempt(throttleSubjects.account(userId), { threshold: 5, lockMinutes: 60 });
}

/** Each operation: the account it needs, what it is run as, and whether it took effect. */
const operations: Array<{
  name: string;
  permission: AdminAction;
  prepare: (userId: string, email: string) => Promise<unknown>;
  state?: 'pending';
  run: (actor: Actor, id: string) => Promise<AdminResult | { ok: false; problem: string }>;
  tookEffect: (userId: string, email: string) => Promise<boolean>;
}> = [
  {
    name: 'unlock',
    permission: 'user.unlock',
    prepare: (id) => lock(id),
    run: (actor, id) => runUserOperation(actor, 'unlock', id, request),
    tookEffect: async (id) => !(await findUserInScope({ id: randomUUID(), role: 'admin', teamId: null, state: 'active' }, 'user.view', id))!.locked,
  },
  {
    name: 'send a reset link',
    permission: 'user.sendResetLink',
    prepare: async () => undefined,
    run: (actor, id) => runUserOperation(actor, 'sendResetLink', id, request),
    tookEffect: async (_id, email) => (await latestEmailTo(email))?.template === 'passwordReset',
  },
  {
    name: 'email a temporary password',
    permission: 'user.randomPassword',
    prepare: async () => undefined,
    run: (actor, id) => runUserOperation(actor, 'randomPassword', id, request),
    tookEffect: async (_id, email) => (await latestEmailTo(email))?.template === 'temporaryPassword',
  },
  {
    name: 'issue a reset access code',
    permission: 'user.accessCode',
    prepare: async () => undefined,
    run: async (actor, id) => {
      const result = await runUserOperation(actor, 'accessCode', id, request);
      return result.ok ? { ok: true } : result;
    },
    tookEffect: async (id) =>
      (await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, id), eq(auditEvents.event, 'admin.access_code_issued')))).length === 1,
  },
  {
    name: 'sign out everywhere',
    permission: 'user.signOutEverywhere',
    prepare: async (_id, email) => signIn(email),
    run: (actor, id) => runUserOperation(actor, 'signOutEverywhere', id, request),
    tookEffect: async (id) => (await db().select().from(sessions).where(eq(sessions.userId, id))).length === 0,
  },
  {
    name: 'reset 2-step',
    permission: 'user.resetTwoStep',
    prepare: async (id) => enableEmailCodes((await findUserById(id))!, { ip: null, userAgent: null }),
    run: (actor, id) => runUserOperation(actor, 'resetTwoStep', id, request),
    tookEffect: async (id) => !(await findUserById(id))!.emailOtpEnabled,
  },
  {
    name: 'resend activation',
    permission: 'user.resendActivation',
    state: 'pending',
    prepare: async () => undefined,
    run: (actor, id) => runUserOperation(actor, 'resendActivation', id, request),
    tookEffect: async (id) =>
      (await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, id), eq(auditEvents.event, 'admin.activation_resent')))).length === 1,
  },
  {
    name: 'deactivate',
    permission: 'user.deactivate',
    prepare: async () => undefined,
    run: (actor, id) => runUserOperation(actor, 'deactivate', id, request),
    tookEffect: async (id) => (await findUserById(id))!.state === 'deactivated',
  },
  {
    name: 'reactivate',
    permission: 'user.reactivate',
    prepare: (id) => db().update(users).set({ state: 'deactivated' }).where(eq(users.id, id)),
    run: (actor, id) => runUserOperation(actor, 'reactivate', id, request),
    tookEffect: async (id) => (await findUserById(id))!.state === 'active',
  },
  {
    name: 'set a password',
    permission: 'user.setPassword',
    prepare: async () => undefined,
    run: (actor, id) => setUserPassword(actor, id, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD, temporary: true }, request),
    tookEffect: async (id) => (await db().select().from(users).where(eq(users.id, id)))[0]!.mustChangePassword,
  },
];

// Who calls, and whether the table says they reach a plain user of team "A".
const callers: Array<{ name: string; make: (team: string) => Promise<Actor>; reaches: (permission: AdminAction) => boolean }> = [
  { name: 'a user', make: () => actorOf('user'), reaches: (p) => permissionTable.user[p] !== 'none' },
  { name: 'an editor', make: () => actorOf('editor'), reaches: (p) => permissionTable.editor[p] !== 'none' },
  { name: 'a manager of another team', make: () => actorOf('manager', `other-${randomUUID()}`), reaches: (p) => permissionTable.manager[p] === 'everyone' },
  { name: 'the manager of the team', make: (team) => actorOf('manager', team), reaches: (p) => permissionTable.manager[p] !== 'none' },
  { name: 'an admin', make: () => actorOf('admin'), reaches: (p) => permissionTable.admin[p] !== 'none' },
];

describe.each(operations)('admin operation "$name"', (operation) => {
  it.each(callers)('as $name: works exactly when the permission table says so', async (caller) => {
    const team = `team-${randomUUID()}`;
    const actor = await caller.make(team);
    const target = await makeUser({ team, locale: 'fr', ...(operation.state ? { state: operation.state, password: undefined } : {}) });
    await operation.prepare(target.id, target.email);
    const result = await operation.run(actor, target.id);
    const allowed = caller.reaches(operation.permission);
    expect(result).toEqual(allowed ? { ok: true } : { ok: false, problem: 'notFound' });
    expect(await operation.tookEffect(target.id, target.email)).toBe(allowed);
  });
});

describe('a manager', () => {
  it('reaches neither another manager nor an admin of their own team, and lists only the plain users of it', async () => {
    const team = `team-${randomUUID()}`;
    const manager = await actorOf('manager', team);
    const fellow = await makeUser({ role: 'manager', team });
    const admin = await makeUser({ role: 'admin', team });
    const member = await makeUser({ team, name: 'Zoé Membre' });
    const outsider = await makeUser({ team: `team-${randomUUID()}`, name: 'Zoé Ailleurs' });
    expect(await runUserOperation(manager, 'deactivate', fellow.id, request)).toEqual({ ok: false, problem: 'notFound' });
    expect(await runUserOperation(manager, 'deactivate', admin.id, request)).toEqual({ ok: false, problem: 'notFound' });
    const listed = await listUsersInScope(manager, { search: 'Zoé', sort: 'name', pageSize: 25 });
    expect(listed.rows.map((row) => row.id)).toEqual([member.id]);
    expect(await findUserInScope(manager, 'user.view', outsider.id)).toBeUndefined();
  });
});

describe('the users list', () => {
  it('takes LIKE wildcards typed in a search literally', async () => {
    const admin = await actorOf('admin');
    const tag = randomUUID().slice(0, 8);
    const percent = await makeUser({ name: `Percy 100% ${tag}` });
    await makeUser({ name: `Percy 1000 ${tag}` });
    const found = await listUsersInScope(admin, { search: `100% ${tag}`, sort: 'name', pageSize: 25 });
    expect(found.rows.map((row) => row.id)).toEqual([percent.id]);
    expect((await listUsersInScope(admin, { search: `_${tag}`, sort: 'name', pageSize: 25 })).count).toEqual({ value: 0, relation: 'exact' });
  });

  it('filters the locked accounts, which a bulk unlock frees, skipping those out of reach', async () => {
    const team = `team-${randomUUID()}`;
    const manager = await actorOf('manager', team);
    const mine = await makeUser({ team });
    const theirs = await makeUser({ team: `team-${randomUUID()}` });
    await lock(mine.id);
    await lock(theirs.id);
    const locked = await listUsersInScope(manager, { state: 'locked', sort: 'name', pageSize: 25 });
    expect(locked.rows.map((row) => row.id)).toEqual([mine.id]);
    expect(await unlockUsers(manager, [mine.id, theirs.id, 'not-an-id'], request)).toBe(1);
    expect((await listUsersInScope(manager, { state: 'locked', sort: 'name', pageSize: 25 })).rows).toEqual([]);
    const admin = await actorOf('admin');
    expect((await findUserInScope(admin, 'user.view', theirs.id))!.locked).toBe(true);
  });

});

describe('what the owner is told', () => {
  it('in their own language, and a temporary password makes the next sign-in change it', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser({ locale: 'fr' });
    await signIn(target.email);
    expect(await setUserPassword(admin, target.id, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD, temporary: true }, request)).toEqual({ ok: true });
    const notice = await latestEmailTo(target.email);
    expect([notice?.template, notice?.locale, notice?.props.event]).toEqual(['adminNotice', 'fr', 'passwordSet']);
    expect(await db().select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    const next = await signInWithPassword({ identifier: target.email, password: NEW_PASSWORD, ip: null, userAgent: null, knownDevices: [] });
    expect(next).toMatchObject({ ok: true, outcome: { next: 'password_change' } });
  });

  it('refuses a weak password with the reset policy, changing nothing', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser();
    expect(await setUserPassword(admin, target.id, { password: 'short', confirmation: 'other', temporary: true }, request)).toMatchObject({
      ok: false,
      problem: 'password',
    });
    expect((await signIn(target.email)).ok).toBe(true);
  });
});
