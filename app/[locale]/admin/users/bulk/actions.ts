'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { bulkPermission, startBulkJob } from '@/lib/admin/bulk-users';
import type { BulkOperation } from '@/lib/admin/user-actions';
import { readUserListFilter } from '@/lib/admin/user-filter-rows';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

/** The confirmed operation on the whole filter: queued as a job, whose page shows its progress. */
function bulkAction(operation: BulkOperation) {
  return defineSubmitAction(
    {
      name: `bulk ${operation}`,
      schema: z.object({ q: z.string().max(200), state: z.string().max(20), team: z.string().max(64) }),
      access: { permission: { action: bulkPermission[operation], returnTo: '/admin/users' } },
      errors: 'Admin.errors',
    },
    async ({ input, session, locale, request }) => {
      const filter = readUserListFilter({ q: input.q, state: input.state, team: input.team });
      const id = await startBulkJob(session.user, operation, filter, request);
      if (!id) notFound();
      return redirect({ href: `/admin/jobs/${id}`, locale });
    },
  );
}

export const bulkUnlockJobAction = bulkAction('unlock');
export const bulkDeactivateJobAction = bulkAction('deactivate');
export const bulkSendResetLinkJobAction = bulkAction('sendResetLink');
