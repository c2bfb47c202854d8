import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { markSessionConfirmed } from '@/lib/db/sessions';
import { clearAttempts, reserveAttempt } from '@/lib/db/throttle';
import { findPasswordHash } from '@/lib/db/users';
import { env } from '@/lib/env';
import { verifyPassword } from '@/lib/passwords/passwords';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';

export type PasswordCheck = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'paused'; until: Date };

/**
 * The current password, typed inside a session to confirm a change. Wrong guesses are counted
 * per session, before comparing, so a borrowed session cannot be used to guess the password.
 */
export async function checkCurrentPassword(
  session: { sessionId: string; user: { id: string } },
  password: string,
  ip: string | null,
): Promise<PasswordCheck> {
  const config = env();
  const counted = throttleSubjects.session(session.user.id, session.sessionId);
  const reservation = await reserveAttempt(counted, { threshold: config.LOCKOUT_THRESHOLD, lockMinutes: config.LOCKOUT_MINUTES });
  if (!reservation.allowed) return { ok: false, reason: 'paused', until: reservation.lockedUntil };
  if (await verifyPassword(await findPasswordHash(session.user.id), password)) {
    await clearAttempts(counted);
    return { ok: true };
  }
  await recordAudit({ event: 'session.confirm_failed', actorUserId: session.user.id, targetUserId: session.user.id, ip });
  return reservation.lockedUntil ? { ok: false, reason: 'paused', until: reservation.lockedUntil } : { ok: false, reason: 'wrong' };
}

/** "Confirm it's you": the password opens sensitive changes for the next few minutes. */
export async function confirmSession(
  session: { sessionId: string; user: { id: string } },
  password: string,
  ip: string | null,
): Promise<PasswordCheck> {
  const check = await checkCurrentPassword(session, password, ip);
  if (check.ok) {
    await db().transaction(async (tx) => {
      await markSessionConfirmed(session.sessionId, tx);
      await recordAudit({ event: 'session.confirmed', actorUserId: session.user.id, targetUserId: session.user.id, ip }, tx);
    });
  }
  return check;
}
