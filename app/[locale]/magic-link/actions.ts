'use server';

import { z } from 'zod';
import { defineSubmitAction } from '@/lib/actions/define-form-action';
import type { AppLocale } from '@/lib/i18n/routing';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { getPathname, redirect } from '@/lib/i18n/navigation';
import { codeAction } from '../code-action';
import { emailRequestAction } from '../email-request-action';
import { completeMagicSignIn } from './complete-sign-in';

export const requestMagicLinkAction = emailRequestAction('magic_link', { pathname: '/magic-link/code', query: { sent: '1' } });

/** Signs in with a proven link; a link that stopped working meanwhile shows its page, which says why. */
async function signInWith(token: string, locale: AppLocale): Promise<never> {
  const outcome = await completeMagicSignIn(token);
  if (!outcome) return redirect({ href: { pathname: '/magic-link/confirm', query: { token } }, locale });
  return goToNextStage(outcome, locale, getPathname({ href: '/account', locale }));
}

export const magicCodeAction = codeAction('magic_link', signInWith);

/** The confirmation page's button: the only thing that spends a sign-in link. */
export const confirmMagicLinkAction = defineSubmitAction(
  { name: 'magic link', schema: z.object({ token: z.string() }), access: 'public', errors: 'Recovery.errors' },
  async ({ input, locale }) => signInWith(input.token, locale),
);
