import 'server-only';
import type { Executor } from './client';
import { auditEvents } from './schema';

export type AuditEventName =
  | 'user.created'
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.locked'
  | 'sign_in.rehashed'
  | 'sign_out'
  | 'session.revoked'
  | 'sessions.revoked_others'
  | 'recovery.requested'
  | 'recovery.refused'
  | 'recovery.rate_limited'
  | 'recovery.code_failed'
  | 'recovery.question_failed'
  | 'recovery.question_passed'
  | 'password.reset'
  | 'activation.sent'
  | 'activation.completed'
  | 'magic_link.failed';

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
