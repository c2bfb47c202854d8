'use server';

import { z } from 'zod';
import { unlockUsers } from '@/lib/admin/user-actions';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

/** "Unpause sign-in" for the ticked rows of the Locked filter; rows out of reach are skipped. */
export const bulkUnlockAction = defineSubmitAction(
  {
    name: 'bulk unlock',
    schema: z.object({ userId: z.array(z.string()).max(200) }),
    access: { permission: { action: 'users.bulkUnlock', returnTo: '/admin/users?state=locked' } },
    errors: 'Admin.errors',
  },
  async ({ input, session, locale, request }) => {
    const count = await unlockUsers(session.user, input.userId, request);
    return redirect({ href: { pathname: '/admin/users', query: { state: 'locked', unlocked: String(count) } }, locale });
  },
);
