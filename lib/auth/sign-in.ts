import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import { clearAttempts, pausedUntil, countInWindow, reserveAttempt, type ThrottleSubject } from '@/lib/db/throttle';
import { findUserForSignIn, updatePasswordHash } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { lockouts, signIns } from '@/lib/observability/metrics';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import type { PhoneRegion } from '@/lib/phone/regions';
import { normaliseText } from '@/lib/validation/text';
import type { KnownDevice } from './device-cookie';
import { parseIdentifier } from './identifiers';
import { needsRehash } from '@/lib/passwords/password-hashing';
import { hashPassword, verifyPassword } from '@/lib/passwords/passwords';
import { afterFirstFactor, sessionAloneFollows, type SignInOutcome } from './sign-in-stages';
import { throttleSubjects } from './throttle-subjects';

export interface SignInAttempt {
  identifier: string;
  /** The country a national phone number is read in, as chosen beside the field. */
  phoneRegion?: PhoneRegion;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** What this browser's device cookie says it signed in to before. */
  knownDevices: KnownDevice[];
}

export type SignInResult =
  | { ok: true; outcome: SignInOutcome }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked' | 'throttled'; until: Date }
  | { ok: false; reason: 'pending' | 'deactivated' | 'expired' | 'companySignIn' };

/**
 * Why an account whose password was right still may not sign in with it, if it may not. The
 * account itself tells, to whoever knows the password: by its address (typed as a username or
 * phone number) or by a company identity linked to it, wherever its address is now.
 */
function refusalOf(user: { companySignIn: boolean; state: 'active' | 'pending' | 'deactivated'; mustChangePassword: boolean; passwordExpiresAt: Date | null }) {
  if (user.companySignIn) return { reason: 'companySignIn', audited: 'company_sign_in' } as const;
  if (user.state !== 'active') return { reason: user.state, audited: user.state } as const;
  // A temporary password an admin set works for a limited time, and only to choose a new one.
  if (user.mustChangePassword && user.passwordExpiresAt && user.passwordExpiresAt <= new Date()) return { reason: 'expired', audited: 'temporary_password_expired' } as const;
  return null;
}

/** A browser counts as known only if it signed in since the password last changed. */
function isCurrent(device: KnownDevice, passwordChangedAt: Date | null): boolean {
  return !passwordChangedAt || device.issuedAt > passwordChangedAt.getTime();
}

/**
 * Password sign-in (OWASP Authentication cheat sheet): the same answer for unknown identifiers
 * and wrong passwords, a pause after consecutive failures during which no password is
 * compared, and an account's state disclosed only to someone who knows its password.
 *
 * Failures are counted where they come from (OWASP's device cookies): a browser that signed in
 * to the account before has a budget of its own, and every other browser shares the account's.
 * A stranger guessing from elsewhere can pause the account for unknown browsers, never for the
 * owner's usual one — not even through the pause of a network address they share.
 */
export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  const config = env();
  const identifier = parseIdentifier(attempt.identifier, attempt.phoneRegion ?? siteDefaultRegion());
  const found = identifier ? await findUserForSignIn(identifier) : undefined;
  // A company that enforces its own sign-in keeps its addresses off passwords: said at once,
  // since it tells about the domain, not about any account.
  if (found?.domainEnforced) {
    signIns.inc({ outcome: 'refused' });
    return { ok: false, reason: 'companySignIn' };
  }
  const user = found?.account;
  const device = user && attempt.knownDevices.find((known) => known.userId === user.id && isCurrent(known, user.passwordChangedAt));

  const address = attempt.ip ? throttleSubjects.address(attempt.ip) : null;
  if (address && !device) {
    const until = await pausedUntil(address);
    if (until) {
      signIns.inc({ outcome: 'throttled' });
      return { ok: false, reason: 'throttled', until };
    }
  }
  const counted: ThrottleSubject = !user
    ? throttleSubjects.identifier(identifier?.value ?? normaliseText(attempt.identifier).toLowerCase())
    : device
      ? throttleSubjects.device(user.id, device.nonce)
      : throttleSubjects.account(user.id);

  const reservation = await reserveAttempt(counted, {
    threshold: config.LOCKOUT_THRESHOLD,
    lockMinutes: config.LOCKOUT_MINUTES,
  });
  const audit = { targetUserId: user?.id ?? null, ip: attempt.ip };
  const from = counted.scope === 'device' ? 'known_browser' : 'other_browser';
  if (!reservation.allowed) {
    await recordAudit({ event: 'sign_in.failed', ...audit, detail: { reason: 'paused', from } });
    signIns.inc({ outcome: 'paused' });
    return { ok: false, reason: 'locked', until: reservation.lockedUntil };
  }

  const matches = await verifyPassword(user?.passwordHash, attempt.password);
  if (!user || !matches) {
    // Successes do not reset this count: a sprayer may own one real account.
    if (address) {
      await countInWindow(address, { limit: config.IP_FAILURE_LIMIT, windowMinutes: config.IP_WINDOW_MINUTES });
    }
    // The typed identifier is not recorded: people often type their password into it.
    const reason = user ? 'wrong_password' : 'unknown_identifier';
    await recordAudit({ event: 'sign_in.failed', ...audit, detail: { reason, from } });
    signIns.inc({ outcome: reason });
    if (reservation.lockedUntil) {
      lockouts.inc({ kind: !user ? 'identifier' : counted.scope === 'device' ? 'browser' : 'account' });
      const until = reservation.lockedUntil;
      await db().transaction(async (tx) => {
        await recordAudit({
          event: 'sign_in.locked',
          ...audit,
          detail: { until: until.toISOString(), knownAccount: !!user, from },
        }, tx);
        // The owner is told, in their language, when strangers paused their account. A pause
        // of their own browser is theirs to see on the page; an unknown identifier has nobody.
        if (user && counted.scope === 'account') {
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

  // The password was right: the attempt is not held against anyone, whatever follows.
  const refusal = refusalOf(user);
  if (refusal) {
    await Promise.all([clearAttempts(counted), recordAudit({ event: 'sign_in.failed', ...audit, detail: { reason: refusal.audited, from } })]);
    signIns.inc({ outcome: 'refused' });
    return { ok: false, reason: refusal.reason };
  }

  const rehashed = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : null;
  // The counter is cleared on a connection of its own beside the transaction: no rollback of
  // the sign-in brings the attempt back, and the transaction never holds the counter's row while
  // it waits for the account's. (Clearing a live pause writes the account too, drizzle/0018: it
  // then waits for this transaction's end, a wait, never a cycle.)
  const finish = async (executor: Executor) => {
    if (rehashed) {
      await updatePasswordHash(user.id, rehashed, executor);
      await recordAudit({ event: 'sign_in.rehashed', ...audit, actorUserId: user.id }, executor);
    }
    return afterFirstFactor(executor, user, attempt, 'password');
  };
  // A known browser's session is one statement: a transaction would add two round trips.
  const [, outcome] = await Promise.all([
    clearAttempts(counted),
    !rehashed && sessionAloneFollows(user, attempt, 'password') ? finish(db()) : db().transaction(finish),
  ]);
  signIns.inc({ outcome: outcome.next === 'session' ? 'success' : outcome.next === 'second_factor' ? 'two_step' : 'password_change' });
  return { ok: true, outcome };
}
