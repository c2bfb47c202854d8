import 'server-only';
import type { Executor } from '@/lib/db/client';
import { queueEmail } from '@/lib/email/outbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { describeUserAgent } from '@/lib/user-agent';
import type { RequestOrigin } from './sign-in-request';

/** Whom the "new sign-in" email goes to: the account as the sign-in that proved it read it. */
export interface AccountContact {
  id: string;
  email: string;
  name: string;
  locale: AppLocale;
}

/** Queues the "new sign-in" email that tells an account's owner of a browser it did not know. */
export async function tellOfNewBrowser(tx: Executor, user: AccountContact, request: RequestOrigin): Promise<void> {
  const device = describeUserAgent(request.userAgent);
  await queueEmail(tx, {
    template: 'newSignIn',
    to: user.email,
    locale: user.locale,
    userId: user.id,
    props: { name: user.name || null, occurredAt: new Date().toISOString(), browser: device?.browser ?? null, os: device?.os ?? null, ip: request.ip },
  });
}
