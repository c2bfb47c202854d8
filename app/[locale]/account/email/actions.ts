'use server';

import { z } from 'zod';
import { cancelEmailChange, confirmEmailChangeCode, confirmEmailChangeLink, requestEmailChange } from '@/lib/account/email-change';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

const fromEmail = { recentlyConfirmed: { returnTo: '/account/email' } };

export const requestEmailChangeAction = defineFormAction(
  { name: 'request email change', schema: z.object({ email: z.string().trim().min(1, 'emailRequired') }), access: fromEmail, errors: 'EmailChange.errors', keep: ['email'] },
  async ({ input, session, locale, request, t, fail }) => {
    const result = await requestEmailChange(session.user, input.email, request);
    if (!result.ok) return fail({ fieldErrors: { email: [result.problem === 'companySignIn' ? t('companySignIn', { company: result.company }) : t(result.problem)] } });
    return redirect({ href: { pathname: '/account/email', query: { sent: '1' } }, locale });
  },
);

export const confirmEmailCodeAction = defineFormAction(
  { name: 'email change code', schema: z.object({ code: z.string().trim().min(1, 'codeRequired') }), access: fromEmail, errors: 'EmailChange.errors' },
  async ({ input, session, locale, request, t, fail }) => {
    const result = await confirmEmailChangeCode(session.user.id, input.code, request);
    if (result.ok) return redirect({ href: { pathname: '/account/email', query: { done: '1' } }, locale });
    return fail({ fieldErrors: { code: [t(result.problem === 'taken' ? 'taken' : 'wrongCode')] } });
  },
);

/** The new mailbox's link: its page's button is the only thing that spends it. */
export const confirmEmailLinkAction = defineSubmitAction(
  { name: 'email change link', schema: z.object({ token: z.string() }), access: 'public', errors: 'EmailChange.errors' },
  async ({ input, locale, request }) => {
    const result = await confirmEmailChangeLink(input.token, request);
    return redirect({ href: { pathname: '/account/email/verify', query: result.ok ? { done: '1' } : { token: input.token } }, locale });
  },
);

/** "This wasn't me", from the old mailbox. */
export const cancelEmailChangeAction = defineSubmitAction(
  { name: 'email change cancel', schema: z.object({ token: z.string() }), access: 'public', errors: 'EmailChange.errors' },
  async ({ input, locale, request }) => {
    const result = await cancelEmailChange(input.token, request);
    return redirect({ href: { pathname: '/account/email/not-me', query: result.ok ? { done: '1' } : { token: input.token } }, locale });
  },
);
