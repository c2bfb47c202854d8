'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { bulkPermission, startBulkJob, type BulkOperation } from '@/lib/admin/bulk-users';
import { postedUserFilter } from '@/lib/admin/user-list-query';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

/**
 * The confirmed operation on the whole filter: queued as a job, whose page shows its progress.
 * The form names its operation and posts its filter back: a form that does not say what the
 * page confirmed, exactly, starts nothing.
 */
function bulkAction(operation: BulkOperation) {
  return defineSubmitAction(
    {
      name: `bulk ${operation}`,
      schema: postedUserFilter.extend({ op: z.literal(operation) }),
      access: { permission: { action: bulkPermission(operation), returnTo: '/admin/users' } },
      errors: 'Admin.errors',
    },
    async ({ input, session, locale, request }) => {
      const filter = { search: input.q || undefined, state: input.state || undefined, teamId: input.team || undefined };
      const id = await startBulkJob(session.user, operation, filter, request);
      if (!id) notFound();
      return redirect({ href: `/admin/jobs/${id}`, locale });
    },
  );
}

export const bulkUnlockJobAction = bulkAction('unlock');
export const bulkDeactivateJobAction = bulkAction('deactivate');
export const bulkSendResetLinkJobAction = bulkAction('sendResetLink');
