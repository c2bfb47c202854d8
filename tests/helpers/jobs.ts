import { eq } from 'drizzle-orm';
import { db } from '@/lib/db/client';
import { jobs } from '@/lib/db/schema';
import { deliverEmailJob } from '@/lib/email/delivery';
import { deliveryKey } from '@/lib/email/outbox';
import type { Transport } from '@/lib/email/transports/types';
import { runDueJobs } from '@/lib/jobs/runner';
import { recoveryRequestJob } from '@/lib/recovery/request-email';

/** What a runner's pass does for the queued "email me a link" requests, now; how many it handled. */
export const handleQueuedRequests = () => runDueJobs([recoveryRequestJob]);

/** What a runner's pass does for the outbox, now, through `transport`; how many emails it tried. */
export const dispatchDueEmails = (transport: Transport) => runDueJobs([deliverEmailJob(transport)]);

/** The job that delivers an outbox email, while it has one. */
export async function deliveryJobOf(emailId: string) {
  const [job] = await db().select().from(jobs).where(eq(jobs.idempotencyKey, deliveryKey(emailId)));
  return job;
}
