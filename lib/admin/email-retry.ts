import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { findFailedEmail, requeueFailedEmail } from '@/lib/db/outbox';
import { queueDelivery } from '@/lib/email/outbox';
import { carriesSecrets, isEmailTemplateName } from '@/lib/email/templates';
import { can, type Actor } from '@/lib/permissions/can';

export type RetryResult = { ok: true } | { ok: false; problem: 'notFound' | 'linkGone' };

/**
 * Whether sending a failed email again would deliver what it was for. Its link or code was
 * erased when it failed (see markEmailFailed): sent again it would carry a dead link, so the
 * person is better served by a fresh one from their page.
 */
export function canBeRetried(email: { template: string; hasSecrets: boolean }): boolean {
  return email.hasSecrets || !isEmailTemplateName(email.template) || !carriesSecrets(email.template);
}

/**
 * Puts a failed email back in the outbox with its delivery queued anew (a fresh budget of
 * tries), and records who did it, in one transaction. An email that is no longer failed (already retried) or that
 * the actor may not retry is "not found".
 */
export async function retryFailedEmail(actor: Actor, emailId: string, request: { ip: string | null }): Promise<RetryResult> {
  if (!can(actor, 'outbox.retry') || !/^[0-9a-f-]{36}$/i.test(emailId)) return { ok: false, problem: 'notFound' };
  return db().transaction(async (tx): Promise<RetryResult> => {
    const email = await findFailedEmail(emailId, tx);
    if (!email) return { ok: false, problem: 'notFound' };
    if (!canBeRetried(email)) return { ok: false, problem: 'linkGone' };
    if (!(await requeueFailedEmail(email.id, tx))) return { ok: false, problem: 'notFound' };
    await recordAudit({
      event: 'admin.email_retried',
      actorUserId: actor.id,
      targetUserId: email.userId,
      ip: request.ip,
      detail: { emailId: email.id, template: email.template },
    }, tx);
    await queueDelivery(tx, email.id);
    return { ok: true };
  });
}
