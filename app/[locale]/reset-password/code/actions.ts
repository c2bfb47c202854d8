'use server';

import { redirect } from '@/lib/i18n/navigation';
import { codeAction } from '../../code-action';

export const resetCodeAction = codeAction('password_reset', async (token, locale) =>
  redirect({ href: { pathname: '/reset-password', query: { token } }, locale }),
);
