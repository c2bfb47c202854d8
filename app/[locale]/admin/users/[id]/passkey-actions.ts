'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { removeUserPasskey } from '@/lib/admin/passkeys';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

export const removeUserPasskeyAction = defineSubmitAction(
  {
    name: 'admin remove passkey',
    schema: z.object({ userId: z.string().max(64), passkeyId: z.string().max(64) }),
    access: { permission: { action: 'user.passkeys', returnTo: '/admin/users' } },
    errors: 'Admin.errors',
  },
  async ({ input, session, locale, request }) => {
    const id = z.uuid().safeParse(input.passkeyId);
    const result = id.success ? await removeUserPasskey(session.user, input.userId, id.data, request) : ({ ok: false, problem: 'notApplicable' } as const);
    if (!result.ok && result.problem === 'notFound') notFound();
    const query = result.ok ? { done: 'passkeyRemoved' } : { problem: 'passkeyGone' };
    return redirect({ href: { pathname: `/admin/users/${input.userId}`, query }, locale });
  },
);
