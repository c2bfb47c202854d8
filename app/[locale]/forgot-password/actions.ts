'use server';

import { emailRequestAction } from '../email-request-action';

export const requestPasswordResetAction = emailRequestAction('password_reset', {
  pathname: '/reset-password/code',
  query: { sent: '1' },
});
