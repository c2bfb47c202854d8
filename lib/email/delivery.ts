import 'server-only';
import { z } from 'zod';
import { open } from '@/lib/crypto';
import { findPendingEmail, markEmailFailed, markEmailSent, recordFailedTry, type PendingEmail } from '@/lib/db/outbox';
import { env } from '@/lib/env';
import type { JobDefinition } from '@/lib/jobs/runner';
import { logger } from '@/lib/observability/logger';
import { emailsFailed, emailsSent } from '@/lib/observability/metrics';
import { DELIVERY_QUEUE, SECRETS_PURPOSE } from './outbox';
import { renderEmail } from './render';
import { isEmailTemplateName } from './templates';
import { transportFor } from './transports';
import type { DeliveryResult, Transport } from './transports/types';

const payloadSchema = z.object({ emailId: z.uuid() });

async function attemptDelivery(email: PendingEmail, transport: Transport): Promise<DeliveryResult> {
  try {
    if (!isEmailTemplateName(email.template)) return { ok: false, error: `unknown template "${email.template}"` };
    const secrets = email.sealedSecrets ? open(email.sealedSecrets, env().AUTH_SECRET, SECRETS_PURPOSE) : undefined;
    const rendered = await renderEmail({
      template: email.template,
      locale: email.locale,
      recipient: email.recipient,
      props: email.props,
      secrets,
    });
    return await transport.deliver({ id: email.id, to: email.recipient, locale: email.locale, template: email.template, ...rendered });
  } catch (error) {
    return { ok: false, error: `could not render: ${error instanceof Error ? error.message : 'unknown error'}`.slice(0, 500) };
  }
}

/**
 * Delivers one outbox email, once: the outbox row is the email's record (what admins see, what
 * the hourly limits count, what retention scrubs) and its job only says when to try. Its id is
 * the provider's idempotency key, so a try whose answer was lost (a timeout, a runner that died
 * before recording it) is not a second email when it is tried again. After the job's last try,
 * the email is marked failed for the admins' list.
 */
export function deliverEmailJob(transport: Transport = transportFor(env())): JobDefinition {
  return {
    queue: DELIVERY_QUEUE,
    retryBaseSeconds: env().EMAIL_RETRY_BASE_SECONDS,
    forget: true,
    async run({ job }) {
      const email = await findPendingEmail(payloadSchema.parse(job.payload).emailId);
      // Already sent by a runner that died before finishing its job, or scrubbed: nothing to do.
      if (!email) return { items: 0 };
      const result = await attemptDelivery(email, transport);
      if (!result.ok) {
        await recordFailedTry(email.id, job.attempts, result.error);
        emailsFailed.inc({ template: email.template, final: String(job.attempts >= job.maxAttempts) });
        throw new Error(result.error);
      }
      await markEmailSent(email.id, job.attempts, result.providerMessageId);
      emailsSent.inc({ template: email.template });
      return { items: 1 };
    },
    async onDead(job, error) {
      const { emailId } = payloadSchema.parse(job.payload);
      await markEmailFailed(emailId, error);
      logger.error({ emailId, attempts: job.attempts, reason: error }, 'gave up on an email');
    },
  };
}
