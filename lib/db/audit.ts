import 'server-only';
import { and, desc, eq, lt } from 'drizzle-orm';
import { db, type Executor } from './client';
import { auditEvents } from './schema';

/** Every event the audit log records; the security activity page words each one. */
export const auditEventNames = [
  'user.created',
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.locked',
  'sign_in.rehashed',
  'sign_out',
  'session.revoked',
  'sessions.revoked_others',
  'recovery.requested',
  'recovery.refused',
  'recovery.rate_limited',
  'recovery.code_failed',
  'recovery.question_failed',
  'recovery.question_passed',
  'password.reset',
  'activation.sent',
  'activation.completed',
  'magic_link.failed',
  'two_step.challenged',
  'two_step.failed',
  'two_step.code_sent',
  'two_step.recovery_code_used',
  'two_step.enabled',
  'two_step.disabled',
  'two_step.recovery_codes_regenerated',
  'password.changed',
  'session.confirmed',
  'session.confirm_failed',
  'security_question.changed',
  'profile.updated',
  'email_change.requested',
  'email_change.completed',
  'email_change.cancelled',
  'admin.unlocked',
  'admin.bulk_unlocked',
  'admin.reset_link_sent',
  'admin.signed_out_everywhere',
  'admin.two_step_reset',
  'admin.password_set',
  'admin.activation_resent',
  'admin.deactivated',
  'admin.reactivated',
  'admin.random_password_sent',
  'admin.access_code_issued',
  'admin.access_key_created',
  'admin.access_key_revoked',
  'admin.email_retried',
  'translations.published',
  'translations.reverted',
  'translations.rolled_back',
  'translations.imported',
  'sso.linked',
  'sso.failed',
  'admin.sso_connection_saved',
  'admin.sso_connection_deleted',
  'admin.sso_identity_removed',
  'recovery.access_code_failed',
  'recovery.access_code_used',
  'passkey.added',
  'passkey.removed',
  'passkey.failed',
  'admin.passkey_removed',
  'admin.job_started',
  'admin.job_finished',
  'admin.users_exported',
] as const;

export type AuditEventName = (typeof auditEventNames)[number];

export interface AuditEntry {
  event: AuditEventName;
  actorUserId?: string | null;
  targetUserId?: string | null;
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/** Takes the caller's transaction so the event commits or rolls back with what it records. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values({
    event: entry.event,
    actorUserId: entry.actorUserId ?? null,
    targetUserId: entry.targetUserId ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ?? {},
  });
}

/** The account's own events, newest first, a page at a time (keyset: stable under inserts). */
export async function listUserActivity(userId: string, page: { before?: number; limit: number }, executor: Executor = db()) {
  const rows = await executor
    .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, event: auditEvents.event, ip: auditEvents.ip, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetUserId, userId), page.before ? lt(auditEvents.id, page.before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  return { events: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}
