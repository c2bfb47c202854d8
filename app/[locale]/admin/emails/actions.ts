'use server';

import { z } from 'zod';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { retryFailedEmail } from '@/lib/admin/email-retry';
import { failedEmailsPlace } from '@/lib/admin/failed-emails-query';
import { redirect } from '@/lib/i18n/navigation';

/** Sends a failed email again; the list then says whether it went back in line, and if not, why. */
export const retryEmailAction = defineSubmitAction(
  {
    name: 'admin retry email',
    schema: z.object({ emailId: z.string().max(64), after: z.string().max(64).optional(), before: z.string().max(64).optional() }),
    access: { permission: { action: 'outbox.retry', returnTo: '/admin/emails' } },
    errors: 'Admin.errors',
  },
  async ({ input, session, locale, request }) => {
    const result = await retryFailedEmail(session.user, input.emailId, request);
    // Back to the page the email was retried from.
    const page = failedEmailsPlace(input);
    const query = result.ok ? { done: 'retried', ...page } : { problem: result.problem, ...page };
    return redirect({ href: { pathname: '/admin/emails', query }, locale });
  },
);
