'use server';

import { z } from 'zod';
import { signOut } from '@/auth';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { endSession, revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sign-out';
import { redirect } from '@/lib/i18n/navigation';

const fromAccount = { signedIn: { returnTo: '/account' } };

export const signOutAction = defineSubmitAction(
  { name: 'sign out', schema: z.object({}), access: fromAccount, errors: 'Account' },
  async ({ session, locale, request }) => {
    await endSession(session.token, request.ip);
    await signOut({ redirect: false });
    return redirect({ href: { pathname: '/login', query: { signedOut: '1' } }, locale });
  },
);

export const revokeSessionAction = defineSubmitAction(
  { name: 'sign out one session', schema: z.object({ sessionId: z.string() }), access: fromAccount, errors: 'Sessions' },
  async ({ input, session, locale, request }) => {
    const id = z.uuid().safeParse(input.sessionId);
    const revoked = id.success && id.data !== session.sessionId && (await revokeOwnSession(session.user.id, id.data, request.ip));
    return redirect({ href: `/account?sessions=${revoked ? 'revoked' : 'missing'}#sessions`, locale });
  },
);

export const revokeOtherSessionsAction = defineSubmitAction(
  { name: 'sign out other sessions', schema: z.object({}), access: fromAccount, errors: 'Sessions' },
  async ({ session, locale, request }) => {
    const count = await revokeOtherSessions(session.user.id, session.sessionId, request.ip);
    return redirect({ href: `/account?revokedOthers=${count}#sessions`, locale });
  },
);
