import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUserByAdmin, type NewUserForm } from '@/lib/admin/create-user';
import { runUserOperation } from '@/lib/admin/user-actions';
import { normaliseAccessCode } from '@/lib/auth/one-time-secrets';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { auditEvents, sessions, users } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { redeemAccessCode } from '@/lib/recovery/access-code';
import { completeReset } from '@/lib/recovery/reset-password';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { emailsTo, latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.61' };
const NEW_PASSWORD = 'lantern meadow quartz 27';

async function actorOf(role: Actor['role'], team?: string): Promise<Actor> {
  const made = await makeUser({ role, team });
  const user = (await findUserById(made.id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

const signIn = (identifier: string, password: string) =>
  signInWithPassword({ identifier, password, ip: null, userAgent: null, knownDevices: [] });

async function issued(actor: Actor, userId: string): Promise<string> {
  const result = await runUserOperation(actor, 'accessCode', userId, request);
  if (!result.ok) expect.fail(`no access code: ${result.problem}`);
  return result.code;
}

const redeem = (identifier: string, code: string) => redeemAccessCode({ identifier, code, locale: 'fr', ip: null });

describe('a random password emailed by an admin', () => {
  it('reaches only the owner, in their language, ends their sessions and must be changed at the next sign-in', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser({ locale: 'fr' });
    await signIn(target.email, GOOD_PASSWORD);
    expect(await runUserOperation(admin, 'randomPassword', target.id, request)).toEqual({ ok: true });

    const email = await latestEmailTo(target.email);
    expect([email?.template, email?.locale]).toEqual(['temporaryPassword', 'fr']);
    const { password } = email!.secrets as { password: string };
    expect(password).toMatch(/^[2-9A-HJ-NP-Z]{5}(-[2-9A-HJ-NP-Z]{5}){3}$/);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, target.id), eq(auditEvents.event, 'admin.random_password_sent')));
    expect(JSON.stringify(audit)).not.toContain(password);

    expect(await db().select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect((await signIn(target.email, GOOD_PASSWORD)).ok).toBe(false);
    expect(await signIn(target.email, password)).toMatchObject({ ok: true, outcome: { next: 'password_change' } });
  });

  it('stops working after 24 hours', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser();
    await runUserOperation(admin, 'randomPassword', target.id, request);
    const { password } = (await latestEmailTo(target.email))!.secrets as { password: string };
    await db().update(users).set({ passwordExpiresAt: new Date(Date.now() - 1000) }).where(eq(users.id, target.id));
    expect((await signIn(target.email, password)).ok).toBe(false);
  });
});

describe('a reset access code', () => {
  it('has at least 64 bits, is stored only as a keyed hash, and opens one reset', async () => {
    const manager = await actorOf('manager', 'Équipe Codes');
    const target = await makeUser({ team: 'Équipe Codes' });
    const code = await issued(manager, target.id);
    // 16 characters of a 32-letter alphabet: 80 bits.
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(JSON.stringify(await db().select().from(auditEvents).where(eq(auditEvents.targetUserId, target.id)))).not.toContain(code);

    const token = await redeem(target.username!, code.toLowerCase().replaceAll('-', ' '));
    expect(token).toEqual(expect.any(String));
    expect(await redeem(target.username!, code)).toBeNull();
    expect(await completeReset({ token: token!, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip: null })).toMatchObject({ ok: true });
    expect((await signIn(target.email, NEW_PASSWORD)).ok).toBe(true);
    const notice = (await emailsTo(target.email)).find((email) => email.template === 'adminNotice');
    expect(notice?.props.event).toBe('accessCodeIssued');
  });

  it('burns after five wrong tries, even for the right code next', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser();
    const code = await issued(admin, target.id);
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await redeem(target.email, wrong)).toBeNull();
    expect(await redeem(target.email, code)).toBeNull();
  });

  it('works for its own account only, not after a newer code, and not for a deactivated account', async () => {
    const admin = await actorOf('admin');
    const [owner, other] = [await makeUser(), await makeUser()];
    const first = await issued(admin, owner.id);
    expect(await redeem(other.email, first)).toBeNull();
    const second = await issued(admin, owner.id);
    expect(await redeem(owner.email, first)).toBeNull();

    await runUserOperation(admin, 'deactivate', owner.id, request);
    expect(await redeem(owner.email, second)).toBeNull();
  });

  it('survives a stranger asking for a reset email for the same account', async () => {
    const admin = await actorOf('admin');
    const target = await makeUser();
    const code = await issued(admin, target.id);
    await requestEmailedLink({ kind: 'password_reset', identifier: target.email, locale: 'en', ip: '203.0.113.9' });
    await handleQueuedRequests();
    expect((await latestEmailTo(target.email))?.template).toBe('passwordReset');
    expect(await redeem(target.email, code)).toEqual(expect.any(String));
  });

  it('is refused in malformed shapes without counting as a try', () => {
    expect(normaliseAccessCode('0000-1111-OOOO-IIII')).toBeNull();
    expect(normaliseAccessCode('abcd efgh jkmn pqrs')).toBe('ABCD-EFGH-JKMN-PQRS');
  });
});

describe('creating a user in the admin area', () => {
  const form = (overrides: Partial<NewUserForm> = {}): NewUserForm => {
    const tag = randomUUID().slice(0, 8);
    return { name: `New ${tag}`, email: `new-${tag}@example.com`, username: '', phone: '', phoneRegion: 'FR', role: 'user', teamId: '', locale: 'fr', ...overrides };
  };

  it('makes a pending account whose welcome email goes out in its own language', async () => {
    const admin = await actorOf('admin');
    const input = form({ role: 'editor', phone: '06 12 34 56 78' });
    const result = await createUserByAdmin(admin, input, request);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    const created = (await findUserById(result.id))!;
    expect([created.state, created.role, created.locale, created.phone]).toEqual(['pending', 'editor', 'fr', '+33612345678']);
    const email = await latestEmailTo(input.email);
    expect([email?.template, email?.locale]).toEqual(['activation', 'fr']);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, result.id), eq(auditEvents.event, 'user.created')));
    expect(audit?.actorUserId).toBe(admin.id);
  });

  it('keeps a manager to plain users of their own team, whatever the form says', async () => {
    const team = `team-${randomUUID()}`;
    const manager = await actorOf('manager', team);
    const elsewhere = await actorOf('manager', `team-${randomUUID()}`);
    const input = form({ role: 'admin', teamId: elsewhere.teamId! });
    expect(await createUserByAdmin(manager, input, request)).toEqual({ ok: false, problems: [{ field: 'role', code: 'invalid' }] });
    expect(await latestEmailTo(input.email)).toBeUndefined();

    const plain = form({ teamId: elsewhere.teamId! });
    const result = await createUserByAdmin(manager, plain, request);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect((await findUserById(result.id))!.teamId).toBe(manager.teamId);
  });

  it('refuses a user or an editor, and names a taken address', async () => {
    expect(await createUserByAdmin(await actorOf('user'), form(), request)).toEqual({ ok: false, problems: 'forbidden' });
    expect(await createUserByAdmin(await actorOf('editor'), form(), request)).toEqual({ ok: false, problems: 'forbidden' });
    const admin = await actorOf('admin');
    const existing = await makeUser();
    expect(await createUserByAdmin(admin, form({ email: existing.email.toUpperCase() }), request)).toEqual({
      ok: false,
      problems: [{ field: 'email', code: 'taken' }],
    });
    expect(await createUserByAdmin(admin, form({ teamId: randomUUID() }), request)).toEqual({ ok: false, problems: [{ field: 'team', code: 'invalid' }] });
  });
});
