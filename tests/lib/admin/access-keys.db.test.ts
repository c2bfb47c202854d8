import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { accessKeysOf, createAccessKey, regenerateAccessKey, revokeUserAccessKey } from '@/lib/admin/access-keys';
import { runUserOperation } from '@/lib/admin/user-actions';
import { sha256 } from '@/lib/crypto';
import { db } from '@/lib/db/client';
import { accessKeys, auditEvents, users } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { permissionTable } from '@/lib/permissions/policy';
import { withMigratedDatabase } from '../../helpers/database';
import { actorOf, callApi } from '../../helpers/api';
import { emailsTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

// The action pipeline asks the session for the caller; here the caller is whoever the test says.
const signedIn = vi.hoisted(() => ({ user: null as unknown }));
vi.mock('@/lib/auth/current-session', () => ({
  requireSession: async () => ({ sessionId: 's', token: 't', authenticatedAt: new Date(), user: signedIn.user }),
}));
// next-intl's navigation needs Next.js's bundler to load; these tests never navigate.
vi.mock('@/lib/i18n/navigation', () => ({ getPathname: ({ href }: { href: string }) => href, redirect: vi.fn() }));

withMigratedDatabase();

const request = { ip: '198.51.100.70' };
const admin = async () => actorOf((await makeUser({ role: 'admin' })).id);
const keysOf = (userId: string) => db().select().from(accessKeys).where(eq(accessKeys.userId, userId));
const meWith = (key: string) => callApi(me, '/me', key);

async function newKey(actor: Actor, userId: string, name = 'Payroll sync') {
  const result = await createAccessKey(actor, userId, name, request);
  if (!result.ok) expect.fail(JSON.stringify(result));
  return result;
}

describe('making an access key', () => {
  it('hands the secret out once and stores only its SHA-256 and a display prefix', async () => {
    const actor = await admin();
    const owner = await makeUser({ locale: 'fr' });
    const created = await newKey(actor, owner.id);
    expect(created.secret).toMatch(/^ssm_[A-Za-z0-9_-]{43}$/);
    const [row] = await keysOf(owner.id);
    expect(row!.secretHash).toBe(sha256(created.secret));
    expect(row!.displayPrefix).toBe(created.secret.slice(4, 12));
    expect(row!.name).toBe('Payroll sync');
    const body = created.secret.slice(4);
    // Neither the row, nor the audit log, nor the owner's notice carries the secret.
    expect(JSON.stringify(row)).not.toContain(body);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, owner.id), eq(auditEvents.event, 'admin.access_key_created')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(body);
    const emails = await emailsTo(owner.email);
    expect(emails.map((email) => [email.template, email.locale, (email.props as { event: string }).event])).toEqual([['adminNotice', 'fr', 'accessKeyCreated']]);
    expect(JSON.stringify(emails)).not.toContain(body);
  });

  it('makes a different secret every time', async () => {
    const actor = await admin();
    const owner = await makeUser();
    const secrets = new Set<string>();
    for (let index = 0; index < 5; index += 1) secrets.add((await newKey(actor, owner.id)).secret);
    expect(secrets.size).toBe(5);
  });

  it('needs a name of at most 100 characters, and refuses a key for an account that is not active', async () => {
    const actor = await admin();
    const owner = await makeUser();
    expect(await createAccessKey(actor, owner.id, '   ', request)).toEqual({ ok: false, problem: 'name', nameProblem: 'required' });
    expect(await createAccessKey(actor, owner.id, 'é'.repeat(101), request)).toEqual({ ok: false, problem: 'name', nameProblem: 'tooLong' });
    expect(await createAccessKey(actor, owner.id, 'two\nlines', request)).toEqual({ ok: false, problem: 'name', nameProblem: 'unsafeCharacters' });
    const pending = await makeUser({ state: 'pending', password: undefined });
    expect(await createAccessKey(actor, pending.id, 'Sync', request)).toEqual({ ok: false, problem: 'notApplicable' });
    expect(await keysOf(owner.id)).toEqual([]);
    expect((await newKey(actor, owner.id, ` ${'x'.repeat(100)} `)).name).toHaveLength(100);
  });
});

describe('a key', () => {
  it('works until it is revoked, then is refused', async () => {
    const actor = await admin();
    const owner = await makeUser();
    const created = await newKey(actor, owner.id);
    expect((await meWith(created.secret)).status).toBe(200);
    expect(await revokeUserAccessKey(actor, owner.id, created.keyId, request)).toEqual({ ok: true });
    expect((await meWith(created.secret)).body.error?.code).toBe('invalid_key');
    // A second revocation has nothing to do, and says so.
    expect(await revokeUserAccessKey(actor, owner.id, created.keyId, request)).toEqual({ ok: false, problem: 'notApplicable' });
    const listed = await accessKeysOf(actor, owner.id);
    expect(listed!.map((key) => [key.id, key.revokedAt !== null])).toEqual([[created.keyId, true]]);
    expect(JSON.stringify(listed)).not.toContain('secretHash');
  });

  it('is replaced by regeneration: the old secret fails at once, the new one works under the same name', async () => {
    const actor = await admin();
    const owner = await makeUser();
    const old = await newKey(actor, owner.id, 'Badge reader');
    const renewed = await regenerateAccessKey(actor, owner.id, old.keyId, request);
    if (!renewed.ok) expect.fail(JSON.stringify(renewed));
    expect(renewed.name).toBe('Badge reader');
    expect((await meWith(old.secret)).status).toBe(401);
    expect((await meWith(renewed.secret)).status).toBe(200);
    expect((await emailsTo(owner.email)).map((email) => (email.props as { event: string }).event)).toEqual(['accessKeyCreated', 'accessKeyRegenerated']);
    // A revoked key cannot be regenerated into a live one.
    expect(await regenerateAccessKey(actor, owner.id, old.keyId, request)).toEqual({ ok: false, problem: 'notApplicable' });
  });

  it('stops working with the next request once its account is deactivated', async () => {
    const actor = await admin();
    const owner = await makeUser();
    const { secret } = await newKey(actor, owner.id);
    expect((await meWith(secret)).status).toBe(200);
    expect(await runUserOperation(actor, 'deactivate', owner.id, request)).toEqual({ ok: true });
    expect((await meWith(secret)).body.error?.code).toBe('invalid_key');
  });

  it('is refused when its account is not active, even if its row were still live', async () => {
    const actor = await admin();
    const owner = await makeUser();
    const { secret } = await newKey(actor, owner.id);
    await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, owner.id));
    expect((await keysOf(owner.id))[0]!.revokedAt).toBeNull();
    expect((await meWith(secret)).body.error?.code).toBe('invalid_key');
  });
});

describe('access keys are for admins only', () => {
  const callers = [
    { name: 'a user', role: 'user' as const, sameTeam: true },
    { name: 'an editor', role: 'editor' as const, sameTeam: true },
    { name: 'the manager of the team', role: 'manager' as const, sameTeam: true },
    { name: 'a manager of another team', role: 'manager' as const, sameTeam: false },
    { name: 'an admin', role: 'admin' as const, sameTeam: false },
  ];

  it.each(callers)('as $name: create, revoke and regenerate work exactly when the permission table says so', async (caller) => {
    const team = `team-${randomUUID()}`;
    const actor = await actorOf((await makeUser({ role: caller.role, team: caller.sameTeam ? team : `other-${randomUUID()}` })).id);
    const owner = await makeUser({ team });
    const existing = await newKey(await admin(), owner.id);
    const allowed = permissionTable[caller.role]['user.accessKeys'] !== 'none';
    const refused = { ok: false, problem: 'notFound' };

    const created = await createAccessKey(actor, owner.id, 'Mine', request);
    expect(created.ok).toBe(allowed);
    if (!allowed) expect(created).toEqual(refused);
    expect(await accessKeysOf(actor, owner.id)).toEqual(allowed ? expect.any(Array) : null);
    const regenerated = await regenerateAccessKey(actor, owner.id, existing.keyId, request);
    expect(regenerated.ok).toBe(allowed);
    if (!allowed) {
      expect(regenerated).toEqual(refused);
      expect(await revokeUserAccessKey(actor, owner.id, existing.keyId, request)).toEqual(refused);
      expect((await meWith(existing.secret)).status).toBe(200);
      expect(await keysOf(owner.id)).toHaveLength(1);
    }
  });

  it('refuses a manager through the action pipeline too, before anything is made', async () => {
    const team = `team-${randomUUID()}`;
    const manager = await makeUser({ role: 'manager', team });
    const owner = await makeUser({ team });
    signedIn.user = await findUserById(manager.id);
    const { createAccessKeyAction } = await import('@/app/[locale]/admin/users/[id]/access-key-actions');
    const form = new FormData();
    form.set('locale', 'en');
    form.set('userId', owner.id);
    form.set('name', 'Sneaky');
    await expect(createAccessKeyAction(form)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    expect(await keysOf(owner.id)).toEqual([]);
  });
});
