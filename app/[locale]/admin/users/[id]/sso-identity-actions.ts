'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { removeCompanyIdentity } from '@/lib/admin/sso-identities';
import { redirect } from '@/lib/i18n/navigation';

export const removeCompanyIdentityAction = defineSubmitAction(
  {
    name: 'admin remove company identity',
    schema: z.object({ userId: z.string().max(64), identityId: z.string().max(64) }),
    access: { permission: { action: 'user.ssoIdentities', returnTo: '/admin/users' } },
    errors: 'Admin.errors',
  },
  async ({ input, session, locale, request }) => {
    const id = z.uuid().safeParse(input.identityId);
    const result = id.success ? await removeCompanyIdentity(session.user, input.userId, id.data, request) : ({ ok: false, problem: 'notApplicable' } as const);
    if (!result.ok && result.problem === 'notFound') notFound();
    const query = result.ok ? { done: 'identityRemoved' } : { problem: 'identityGone' };
    return redirect({ href: { pathname: `/admin/users/${input.userId}`, query }, locale });
  },
);
