import 'server-only';
import type { Executor } from '@/lib/db/client';
import { findUserForRecovery } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { describeUserAgent } from '@/lib/user-agent';
import type { RequestOrigin } from './sign-in-request';

/** Queues the "new sign-in" email that tells an account's owner of a browser it did not know. */
export async function tellOfNewBrowser(tx: Executor, userId: string, request: RequestOrigin): Promise<void> {
  const user = await findUserForRecovery(userId, tx);
  if (!user) return;
  const device = describeUserAgent(request.userAgent);
  await queueEmail(tx, {
    template: 'newSignIn',
    to: user.email,
    locale: user.locale,
    userId,
    props: { name: user.name || null, occurredAt: new Date().toISOString(), browser: device?.browser ?? null, os: device?.os ?? null, ip: request.ip },
  });
}
