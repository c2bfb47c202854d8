'use server';

import { z } from 'zod';
import { signOut } from '@/auth';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import { endSession } from '@/lib/auth/sign-out';
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
