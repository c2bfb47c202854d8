'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { createAccessKey, regenerateAccessKey, revokeUserAccessKey, type NewKeyResult } from '@/lib/admin/access-keys';
import { holdSecretForDisplay } from '@/lib/admin/secret-on-display';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import type { CurrentSession } from '@/lib/auth/current-session';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { SHOWN_SECRET_MINUTES } from '@/lib/policy';

const access = { permission: { action: 'user.accessKeys', returnTo: '/admin/users' } } as const;
const userPage = (userId: string, query: Record<string, string> = {}) => ({ pathname: `/admin/users/${userId}`, query });

/** The new secret goes to the admin's browser alone, sealed, to be shown once on the user page. */
async function showNewKey(result: NewKeyResult, session: CurrentSession, userId: string, locale: AppLocale, failed: Record<string, string>) {
  if (!result.ok && result.problem === 'notFound') notFound();
  if (!result.ok) return redirect({ href: userPage(userId, failed), locale });
  await holdSecretForDisplay({
    actorId: session.user.id,
    targetId: userId,
    kind: 'accessKey',
    secret: result.secret,
    expiresAt: new Date(Date.now() + SHOWN_SECRET_MINUTES * 60_000).toISOString(),
  });
  return redirect({ href: userPage(userId), locale });
}

export const createAccessKeyAction = defineSubmitAction(
  { name: 'admin create access key', schema: z.object({ userId: z.string().max(64), name: z.string() }), access, errors: 'Admin.accessKeys.errors' },
  async ({ input, session, locale, request }) => {
    const result = await createAccessKey(session.user, input.userId, input.name, request);
    // A name refused here was typed past the form's own check: the form shows why.
    const failed: Record<string, string> = !result.ok && result.problem === 'name' ? { confirm: 'createKey', keyName: input.name } : { problem: 'createKey' };
    return showNewKey(result, session, input.userId, locale, failed);
  },
);

export const regenerateAccessKeyAction = defineSubmitAction(
  { name: 'admin regenerate access key', schema: z.object({ userId: z.string().max(64), keyId: z.string().max(64) }), access, errors: 'Admin.accessKeys.errors' },
  async ({ input, session, locale, request }) => {
    const result = await regenerateAccessKey(session.user, input.userId, input.keyId, request);
    return showNewKey(result, session, input.userId, locale, { problem: 'regenerateKey' });
  },
);

export const revokeAccessKeyAction = defineSubmitAction(
  { name: 'admin revoke access key', schema: z.object({ userId: z.string().max(64), keyId: z.string().max(64) }), access, errors: 'Admin.accessKeys.errors' },
  async ({ input, session, locale, request }) => {
    const result = await revokeUserAccessKey(session.user, input.userId, input.keyId, request);
    if (!result.ok && result.problem === 'notFound') notFound();
    const query: Record<string, string> = result.ok ? { done: 'keyRevoked', key: input.keyId } : { problem: 'revokeKey' };
    return redirect({ href: userPage(input.userId, query), locale });
  },
);
