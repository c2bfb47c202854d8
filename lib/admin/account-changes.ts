import 'server-only';
import { recordAudit, type AuditEventName } from '@/lib/db/audit';
import { deleteUserChallenges } from '@/lib/db/challenges';
import type { Executor } from '@/lib/db/client';
import { deleteUserSessions } from '@/lib/db/sessions';
import { liftAccountPauses } from '@/lib/db/throttle';
import { revokeUserTokens } from '@/lib/db/tokens';
import { setPasswordForUser } from '@/lib/db/users';
import type { AdminUser } from '@/lib/admin/users-in-scope';
import type { AdminNoticeEvent } from '@/lib/email/templates/admin-notice';
import { queueEmail } from '@/lib/email/outbox';
import type { Actor } from '@/lib/permissions/can';

// What admins' changes to an account have in common: each is written in the caller's
// transaction with its audit event, and the account's owner is told in their language.

export type AdminRequest = { ip: string | null };
export type AuditDetail = Record<string, string | number | boolean | null>;

export async function done(
  tx: Executor,
  actor: Actor,
  target: AdminUser,
  request: AdminRequest,
  record: { event: AuditEventName; notice?: AdminNoticeEvent; detail?: AuditDetail | undefined },
) {
  await recordAudit({ event: record.event, actorUserId: actor.id, targetUserId: target.id, ip: request.ip, detail: record.detail }, tx);
  if (record.notice) {
    await queueEmail(tx, {
      template: 'adminNotice',
      to: target.email,
      locale: target.locale,
      userId: target.id,
      props: { name: target.name || null, event: record.notice, occurredAt: new Date().toISOString() },
    });
  }
}

/** Ends every way the account is signed in or about to be. */
export async function signOutEverywhereIn(tx: Executor, userId: string) {
  await deleteUserSessions(userId, {}, tx);
  await deleteUserChallenges(userId, tx);
}

/** A new password replaces the old one: every session, link and sign-in in progress ends. */
export async function replaceCredentials(tx: Executor, userId: string, password: { passwordHash: string; temporaryUntil: Date | null }) {
  // The pauses first: lifting one writes the account (drizzle/0018), and a sign-in attempt that
  // sets one holds the pause, then the account; the other order could deadlock with it.
  await liftAccountPauses(userId, tx);
  await setPasswordForUser(userId, password, tx);
  await signOutEverywhereIn(tx, userId);
  await revokeUserTokens(userId, tx);
}
