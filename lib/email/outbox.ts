import 'server-only';
import { seal } from '@/lib/crypto';
import type { Executor } from '@/lib/db/client';
import { insertOutboxEmail } from '@/lib/db/outbox';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { emailsQueued } from '@/lib/observability/metrics';
import type { EmailProps, EmailSecrets, EmailTemplateName } from './templates';

export const SECRETS_PURPOSE = 'email-outbox-secrets';
export const DELIVERY_QUEUE = 'email.deliver';

export interface QueuedEmail<Name extends EmailTemplateName> {
  template: Name;
  to: string;
  locale: AppLocale;
  userId?: string | null;
  props: EmailProps<Name>;
  secrets?: EmailSecrets<Name>;
}

/**
 * Sending an email = writing it to the outbox, with the job that delivers it, inside the
 * caller's transaction. Nothing is sent here: if the transaction rolls back, the email never
 * existed; once it commits, the job runners are woken.
 */
export async function queueEmail<Name extends EmailTemplateName>(tx: Executor, email: QueuedEmail<Name>): Promise<string> {
  const secrets = email.secrets && Object.keys(email.secrets).length > 0 ? email.secrets : null;
  const id = await insertOutboxEmail(
    {
      userId: email.userId ?? null,
      recipient: email.to,
      locale: email.locale,
      template: email.template,
      props: email.props as Record<string, unknown>,
      sealedSecrets: secrets ? seal(secrets, env().AUTH_SECRET, SECRETS_PURPOSE) : null,
    },
    tx,
  );
  await queueDelivery(tx, id);
  // Counted when written: a transaction that then rolls back leaves this count one too high.
  emailsQueued.inc({ template: email.template });
  return id;
}

/** One delivery job per email at a time: its key is the email's, so a second one is not queued. */
export function deliveryKey(emailId: string): string {
  return `${DELIVERY_QUEUE}:${emailId}`;
}

/** Queues the delivery of an outbox email (a new one, or a failed one an admin retries). */
export async function queueDelivery(tx: Executor, emailId: string): Promise<void> {
  await enqueueJob(tx, { queue: DELIVERY_QUEUE, payload: { emailId }, idempotencyKey: deliveryKey(emailId) });
}
