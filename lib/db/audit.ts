import 'server-only';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { rowsOf } from './row-count';
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
  'email_change.refused',
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
export async function recordAudit(entry: AuditEntry, executor: Executor = db()): Promise<void> {
  await auditInsert(entry, executor);
}

/** The INSERT of one event, run by recordAudit or made part of a larger statement. */
export function auditInsert(entry: AuditEntry, executor: Executor = db()) {
  return executor.insert(auditEvents).values({
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

/** Rows per delete: each batch's transaction lasts milliseconds (bench:scale measures the longest). */
export const RETENTION_BATCH = 2_000;

/**
 * Deletes the events older than `days`, oldest first, a batch per transaction: inserts carry on
 * throughout (a delete locks only its own rows, which nobody writes), and no transaction lasts
 * long enough to hold back vacuum. The limit is read once, so a long run deletes exactly what
 * was older than it when it started; each batch starts after the last one's last event, so it
 * never walks again the index entries of the rows already deleted (vacuum has not yet removed them).
 */
export async function deleteExpiredAuditEvents(days: number, executor: Executor = db()) {
  const [limit] = await rowsOf<{ cutoff: string }>(sql`select (now() - make_interval(days => ${days}))::text as cutoff`, executor);
  let after: { at: string; id: number } | null = null;
  let deleted = 0;
  let longestBatchMs = 0;
  for (;;) {
    const started = performance.now();
    const [batch]: Array<{ deleted: number; lastAt: string | null; lastId: number | null }> = await rowsOf(
      sql`with batch as (
          select ${auditEvents.id} as id, ${auditEvents.occurredAt} as at from ${auditEvents}
          where ${auditEvents.occurredAt} < ${limit!.cutoff}::timestamptz
            ${after ? sql`and (${auditEvents.occurredAt}, ${auditEvents.id}) > (${after.at}::timestamptz, ${after.id}::bigint)` : sql``}
          order by ${auditEvents.occurredAt}, ${auditEvents.id} limit ${RETENTION_BATCH}
        ), gone as (delete from ${auditEvents} where ${auditEvents.id} in (select id from batch) returning 1),
        last as (select at::text as at, id from batch order by at desc, id desc limit 1)
        select (select count(*)::int from gone) as "deleted", (select at from last) as "lastAt", (select id from last) as "lastId"`,
      executor,
    );
    longestBatchMs = Math.max(longestBatchMs, performance.now() - started);
    deleted += Number(batch?.deleted ?? 0);
    if (!batch?.lastAt || batch.lastId === null) return { deleted, longestBatchMs };
    after = { at: batch.lastAt, id: Number(batch.lastId) };
  }
}
