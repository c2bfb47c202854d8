import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { clearAttempts, pausedUntil, recordWindowFailure, reserveAttempt } from '@/lib/db/throttle';
import { findUserForSignIn, updatePasswordHash } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { normaliseText, parseIdentifier } from './identifiers';
import { needsRehash } from './password-hashing';
import { hashPassword, verifyPassword } from './passwords';
import { startSession } from './start-session';

export interface SignInAttempt {
  identifier: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export type SignInResult =
  | { ok: true; userId: string; sessionToken: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked' | 'throttled'; until: Date }
  | { ok: false; reason: 'pending' | 'deactivated' };

/**
 * Password sign-in (OWASP Authentication cheat sheet): the same answer for unknown identifiers
 * and wrong passwords, a pause after consecutive failures during which no password is
 * compared, and an account's state disclosed only to someone who knows its password.
 */
export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  const config = env();
  const ipKey = attempt.ip ? `ip:${attempt.ip}` : null;
  if (ipKey) {
    const until = await pausedUntil(ipKey);
    if (until) return { ok: false, reason: 'throttled', until };
  }

  const identifier = parseIdentifier(attempt.identifier, config.DEFAULT_PHONE_REGION);
  const user = identifier ? await findUserForSignIn(identifier) : undefined;
  const throttleKey = user
    ? `account:${user.id}`
    : `identifier:${identifier?.value ?? normaliseText(attempt.identifier).toLowerCase()}`;

  const reservation = await reserveAttempt(throttleKey, {
    threshold: config.LOCKOUT_THRESHOLD,
    lockMinutes: config.LOCKOUT_MINUTES,
  });
  const audit = { targetUserId: user?.id ?? null, ip: attempt.ip };
  if (!reservation.allowed) {
    await recordAudit(db(), { event: 'sign_in.failed', ...audit, detail: { reason: 'paused' } });
    return { ok: false, reason: 'locked', until: reservation.lockedUntil };
  }

  const matches = await verifyPassword(user?.passwordHash, attempt.password);
  if (!user || !matches) {
    if (ipKey) {
      await recordWindowFailure(ipKey, { limit: config.IP_FAILURE_LIMIT, windowMinutes: config.IP_WINDOW_MINUTES });
    }
    // The typed identifier is not recorded: people often type their password into it.
    const reason = user ? 'wrong_password' : 'unknown_identifier';
    await recordAudit(db(), { event: 'sign_in.failed', ...audit, detail: { reason } });
    if (reservation.lockedUntil) {
      const until = reservation.lockedUntil;
      await db().transaction(async (tx) => {
        await recordAudit(tx, { event: 'sign_in.locked', ...audit, detail: { until: until.toISOString(), knownAccount: !!user } });
        // A real account is told, in its own language; an unknown identifier has nobody to tell.
        if (user) {
          await queueEmail(tx, {
            template: 'accountLocked',
            to: user.email,
            locale: user.locale,
            userId: user.id,
            props: { name: user.name || null, until: until.toISOString() },
          });
        }
      });
      return { ok: false, reason: 'locked', until };
    }
    return { ok: false, reason: 'invalid' };
  }

  await clearAttempts(throttleKey);
  if (user.state !== 'active') {
    await recordAudit(db(), { event: 'sign_in.failed', ...audit, detail: { reason: user.state } });
    return { ok: false, reason: user.state };
  }

  const rehashed = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : null;
  const sessionToken = await db().transaction(async (tx) => {
    if (rehashed) {
      await updatePasswordHash(user.id, rehashed, tx);
      await recordAudit(tx, { event: 'sign_in.rehashed', ...audit, actorUserId: user.id });
    }
    return startSession(tx, user.id, attempt, 'password');
  });
  return { ok: true, userId: user.id, sessionToken };
}
