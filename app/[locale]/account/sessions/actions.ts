'use server';

import { z } from 'zod';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sign-out';
import { redirect } from '@/lib/i18n/navigation';

// Signing other browsers out is a session change: it needs a recent sign-in or confirmation.
const fromSessions = { recentlyConfirmed: { returnTo: '/account/sessions' } };

export const revokeSessionAction = defineSubmitAction(
  { name: 'sign out one session', schema: z.object({ sessionId: z.string() }), access: fromSessions, errors: 'Sessions' },
  async ({ input, session, locale, request }) => {
    const id = z.uuid().safeParse(input.sessionId);
    const revoked = id.success && id.data !== session.sessionId && (await revokeOwnSession(session.user.id, id.data, request.ip));
    return redirect({ href: `/account/sessions?sessions=${revoked ? 'revoked' : 'missing'}`, locale });
  },
);

export const revokeOtherSessionsAction = defineSubmitAction(
  { name: 'sign out other sessions', schema: z.object({}), access: fromSessions, errors: 'Sessions' },
  async ({ session, locale, request }) => {
    const count = await revokeOtherSessions(session.user.id, session.sessionId, request.ip);
    return redirect({ href: `/account/sessions?revokedOthers=${count}`, locale });
  },
);
