import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { KnownDevice } from '@/lib/auth/device-cookie';
import { randomToken, sha256 } from '@/lib/crypto';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { db } from '@/lib/db/client';
import { auditEvents, emailOutbox, sessions, signInThrottle, users } from '@/lib/db/schema';
import { withMigratedDatabase } from '../../helpers/database';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const attempt = (identifier: string, password: string, ip: string | null = '203.0.113.7') =>
  signInWithPassword({ identifier, password, ip, userAgent: 'vitest', knownDevices: [] });

/** The same attempt from a browser whose device cookie names these accounts. */
const fromBrowser = (knownDevices: KnownDevice[], identifier: string, password: string, ip = '203.0.113.7') =>
  signInWithPassword({ identifier, password, ip, userAgent: 'vitest', knownDevices });

const knownBrowser = (userId: string, issuedAt = Date.now()): KnownDevice[] => [{ userId, nonce: randomToken(24), issuedAt }];

async function auditFor(userId: string, event: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetUserId, userId), eq(auditEvents.event, event)));
}

describe('password sign-in', () => {
  it('signs in with the email, the username or the phone number', async () => {
    const user = await makeUser({ phone: '+33 6 98 76 54 32' });
    for (const identifier of [user.email.toUpperCase(), user.username!, '+33698765432']) {
      const result = await attempt(identifier, GOOD_PASSWORD);
      expect(result).toMatchObject({ ok: true, outcome: { next: 'session', userId: user.id } });
    }
    expect(await auditFor(user.id, 'sign_in.succeeded')).toHaveLength(3);
  });

  it('reads a national phone number in the country chosen beside the field', async () => {
    const user = await makeUser({ phone: '+33 6 98 76 54 31' });
    const national = (phoneRegion: 'FR' | 'CA') =>
      signInWithPassword({ identifier: '06 98 76 54 31', phoneRegion, password: GOOD_PASSWORD, ip: null, userAgent: 'vitest', knownDevices: [] });
    expect(await national('FR')).toMatchObject({ ok: true, outcome: { userId: user.id } });
    expect(await national('CA')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('gives the same answer for a wrong password and an unknown identifier', async () => {
    const user = await makeUser();
    expect(await attempt(user.email, 'wrong password, sorry')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt('nobody-here@example.com', 'wrong password, sorry')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('pauses sign-in after 5 consecutive failures, refusing even the right password until the time given', async () => {
    const user = await makeUser();
    const results = [];
    for (let index = 0; index < 5; index += 1) results.push(await attempt(user.username!, `wrong ${index} password`));
    expect(results.slice(0, 4).every((result) => !result.ok && result.reason === 'invalid')).toBe(true);
    const fifth = results[4]!;
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    const until = (fifth as { until: Date }).until;
    const minutes = (until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);

    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked', until });
    expect(await auditFor(user.id, 'sign_in.locked')).toHaveLength(1);
  });

  it('queues one "account locked" email in the person’s own language, and none for unknown identifiers', async () => {
    const user = await makeUser({ locale: 'fr' });
    for (let index = 0; index < 6; index += 1) await attempt(user.email, `wrong ${index} password`);
    const emails = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: 'accountLocked', locale: 'fr', recipient: user.email, status: 'pending' });

    const before = (await db().select().from(emailOutbox)).length;
    for (let index = 0; index < 5; index += 1) await attempt('nobody-to-tell@example.com', 'wrong password');
    expect((await db().select().from(emailOutbox)).length).toBe(before);
  });

  it('lifts the pause by itself once its time has passed', async () => {
    const user = await makeUser();
    for (let index = 0; index < 5; index += 1) await attempt(user.email, 'not the password');
    await db()
      .update(signInThrottle)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(signInThrottle.key, throttleSubjects.account(user.id).key));
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
  });

  it('resets the count after a success: failures must be consecutive', async () => {
    const user = await makeUser();
    for (let index = 0; index < 4; index += 1) await attempt(user.email, 'not the password');
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    for (let index = 0; index < 4; index += 1) {
      expect(await attempt(user.email, 'not the password')).toMatchObject({ reason: 'invalid' });
    }
  });

  it('pauses unknown identifiers the same way, so a pause reveals nothing', async () => {
    const results = [];
    for (let index = 0; index < 6; index += 1) results.push(await attempt('ghost@example.com', 'guess number one'));
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'locked',
      'locked',
    ]);
  });

  it('compares no more than 5 passwords when 30 wrong attempts arrive at once', async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, 'parallel guess')));
    const compared = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetUserId, user.id),
          eq(auditEvents.event, 'sign_in.failed'),
          sql`${auditEvents.detail}->>'reason' = 'wrong_password'`,
        ),
      );
    expect(compared.length).toBe(5);
    expect(results.filter((result) => !result.ok && result.reason === 'locked').length).toBe(26);
  });

  it('tells pending and deactivated accounts their state only after the right password', async () => {
    const pending = await makeUser({ state: 'pending' });
    const deactivated = await makeUser({ state: 'deactivated' });
    expect(await attempt(pending.email, 'not the password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(deactivated.email, 'not the password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(pending.email, GOOD_PASSWORD)).toEqual({ ok: false, reason: 'pending' });
    expect(await attempt(deactivated.email, GOOD_PASSWORD)).toEqual({ ok: false, reason: 'deactivated' });
  });

  it('throttles a network address that sprays many accounts, whatever the accounts', async () => {
    const ip = '198.51.100.99';
    const sprayed = await makeUser();
    // The default limit is 100 failures per 15 minutes; set the counter just below it.
    await db()
      .insert(signInThrottle)
      .values({ ...throttleSubjects.address(ip), failures: 99 });
    expect(await attempt('spray-target@example.com', 'Summer2026!!!', ip)).toMatchObject({ reason: 'invalid' });
    const blocked = await attempt(sprayed.email, GOOD_PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    // Another address is not affected.
    expect(await attempt(sprayed.email, GOOD_PASSWORD, '198.51.100.100')).toMatchObject({ ok: true });
  });

  it('rehashes a password stored with weaker argon2 parameters at the next sign-in', async () => {
    const { hash } = await import('@node-rs/argon2');
    const user = await makeUser();
    const weak = await hash(GOOD_PASSWORD, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db().update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/m=19456,t=2,p=1/);
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
  });

  it('never writes what was typed, nor the address, into the audit log or the throttle table in clear', async () => {
    const user = await makeUser();
    const canary = 'canary-typed-secret-4711';
    const ip = '198.51.100.47';
    await attempt(user.email, canary, ip);
    await attempt(canary, canary, ip);
    await attempt(`${canary}@example.com`, canary, ip);
    expect(JSON.stringify(await db().select().from(auditEvents))).not.toContain(canary);
    const rows = await db().select().from(signInThrottle);
    expect(JSON.stringify(rows)).not.toContain(canary);
    expect(JSON.stringify(rows)).not.toContain(ip);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key))).toBe(true);
  });
});

describe('browsers the owner signed in from before (device cookies)', () => {
  async function pauseForStrangers(identifier: string) {
    for (let index = 0; index < 5; index += 1) await attempt(identifier, `a stranger's guess ${index}`);
    expect(await attempt(identifier, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  }

  it('keep signing the owner in while strangers have paused the account for every other browser', async () => {
    const user = await makeUser();
    const ownBrowser = knownBrowser(user.id);
    await pauseForStrangers(user.email);
    expect(await fromBrowser(ownBrowser, user.email, GOOD_PASSWORD)).toMatchObject({ ok: true, outcome: { next: 'session', userId: user.id } });
    // The strangers are still paused: the owner's success does not hand them a new budget.
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('start a session whose every record is written: the session, the sign-in time and the audit event', async () => {
    const user = await makeUser();
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    await db().update(users).set({ lastSignInAt: new Date('2026-01-01T00:00:00Z') }).where(eq(users.id, user.id));
    const ownBrowser = knownBrowser(user.id);
    const result = await fromBrowser(ownBrowser, user.email, GOOD_PASSWORD, '198.51.100.4');
    expect(result).toMatchObject({ ok: true, outcome: { next: 'session', userId: user.id } });
    const token = result.ok && result.outcome.next === 'session' ? result.outcome.sessionToken : '';
    const [session] = await db().select({ ip: sessions.ip, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.tokenHash, sha256(token)));
    expect(session).toEqual({ ip: '198.51.100.4', userAgent: 'vitest' });
    const [account] = await db().select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, user.id));
    expect(Date.now() - account!.lastSignInAt!.getTime()).toBeLessThan(60_000);
    const events = await auditFor(user.id, 'sign_in.succeeded');
    expect(events.map((event) => event.ip)).toEqual(expect.arrayContaining(['203.0.113.7', '198.51.100.4']));
    expect(events.find((event) => event.ip === '198.51.100.4')).toMatchObject({ actorUserId: user.id, detail: { method: 'password' } });
  });

  it('have a budget of their own: five failures pause that browser, not the account for others', async () => {
    const user = await makeUser();
    const ownBrowser = knownBrowser(user.id);
    for (let index = 0; index < 4; index += 1) {
      expect(await fromBrowser(ownBrowser, user.email, `typo ${index}`)).toMatchObject({ reason: 'invalid' });
    }
    expect(await fromBrowser(ownBrowser, user.email, 'typo 5')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await fromBrowser(ownBrowser, user.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
    // Another browser of the owner's, and the account's shared budget, are untouched.
    expect(await fromBrowser(knownBrowser(user.id), user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    // Only the stranger-side pause is announced by email.
    const pauseEmails = db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, user.id), eq(emailOutbox.template, 'accountLocked')));
    expect(await pauseEmails).toHaveLength(0);
  });

  it('start again from a whole budget after each success: a browser’s failures must be consecutive', async () => {
    const user = await makeUser();
    expect(await attempt(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    const ownBrowser = knownBrowser(user.id);
    for (let round = 0; round < 2; round += 1) {
      for (let index = 0; index < 4; index += 1) {
        expect(await fromBrowser(ownBrowser, user.email, `typo ${round}.${index}`)).toMatchObject({ reason: 'invalid' });
      }
      expect(await fromBrowser(ownBrowser, user.email, GOOD_PASSWORD)).toMatchObject({ ok: true, outcome: { next: 'session' } });
    }
    expect(await db().select().from(signInThrottle).where(eq(signInThrottle.userId, user.id))).toEqual([]);
  });

  it('are strangers again once the password has changed', async () => {
    const user = await makeUser();
    const before = knownBrowser(user.id, Date.now() - 60_000);
    await db().update(users).set({ passwordChangedAt: sql`now()` }).where(eq(users.id, user.id));
    await pauseForStrangers(user.email);
    expect(await fromBrowser(before, user.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await fromBrowser(knownBrowser(user.id), user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
  });

  it('are not paused by strangers sharing their network address', async () => {
    const user = await makeUser();
    const ip = '198.51.100.250';
    await db().insert(signInThrottle).values({ ...throttleSubjects.address(ip), failures: 100, lockedUntil: sql`now() + interval '10 minutes'` });
    expect(await fromBrowser([], user.email, GOOD_PASSWORD, ip)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await fromBrowser(knownBrowser(user.id), user.email, GOOD_PASSWORD, ip)).toMatchObject({ ok: true });
  });

  it('count only for the account they signed in to', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    await pauseForStrangers(other.email);
    const ownersBrowser = knownBrowser(owner.id);
    expect(await fromBrowser(ownersBrowser, other.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  });
});

describe('the "new sign-in" notice', () => {
  const firefoxOnWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
  const notices = async (userId: string) =>
    db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.template, 'newSignIn')));

  it('is not sent for an account’s very first sign-in, then once for each browser that has not signed in to it', async () => {
    const user = await makeUser({ locale: 'fr' });
    expect(await fromBrowser([], user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    expect(await notices(user.id)).toHaveLength(0);

    const stranger = await signInWithPassword({ identifier: user.email, password: GOOD_PASSWORD, ip: '198.51.100.4', userAgent: firefoxOnWindows, knownDevices: [] });
    expect(stranger).toMatchObject({ ok: true });
    const [notice] = await notices(user.id);
    expect(notice).toMatchObject({ locale: 'fr', recipient: user.email });
    expect(notice!.props).toMatchObject({ browser: 'Firefox', os: 'Windows', ip: '198.51.100.4' });

    // The owner's usual browser, and a browser that knows another account only, are no news / news.
    expect(await fromBrowser(knownBrowser(user.id), user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    expect(await notices(user.id)).toHaveLength(1);
    const other = await makeUser();
    expect(await fromBrowser(knownBrowser(other.id), user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
    expect(await notices(user.id)).toHaveLength(2);
  });

  it('is not sent for a failed attempt', async () => {
    const user = await makeUser();
    await attempt(user.email, GOOD_PASSWORD);
    await attempt(user.email, 'not the password');
    expect(await notices(user.id)).toHaveLength(0);
  });
});
