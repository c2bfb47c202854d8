import { isEmailTemplateName, type EmailTemplateName } from '@/lib/email/templates';

/**
 * Where the words of a group appear: one page (which a visitor sees, or a signed-in person), one
 * email, every email, or many pages.
 */
export type Where = { kind: 'page'; path: string; visitor: boolean } | { kind: 'email'; template: EmailTemplateName } | { kind: 'emails' } | { kind: 'shared' };

// The page each namespace words; namespaces missing here serve several pages (the layout, the
// error pages, fields shared by forms).
const pages: Record<string, string> = {
  Login: '/login',
  Verify: '/login/verify',
  ForgotPassword: '/forgot-password',
  Recovery: '/forgot-password',
  ResetPassword: '/reset-password',
  NewPassword: '/login/new-password',
  MagicLink: '/magic-link',
  Activate: '/activate',
  CantSignIn: '/help/cant-sign-in',
  Account: '/account',
  Profile: '/account',
  Sessions: '/account/sessions',
  Activity: '/account/activity',
  Confirm: '/account/confirm',
  Passkeys: '/account/passkeys',
  ChangePassword: '/account/password',
  TwoStep: '/account/two-step',
  SecurityQuestion: '/account/security-question',
  EmailChange: '/account/email',
  DevMailbox: '/dev/mailbox',
  Admin: '/admin',
};

/** The group a key is listed under: its top-level namespace, or its email for `Emails.*`. */
export function groupOf(key: string): string {
  const [namespace, second] = key.split('.');
  return namespace === 'Emails' && second ? `Emails.${second}` : namespace!;
}

export function whereUsed(group: string): Where {
  const [namespace, email] = group.split('.');
  if (namespace === 'Emails') return email && isEmailTemplateName(email) ? { kind: 'email', template: email } : { kind: 'emails' };
  const path = pages[namespace!];
  return path ? { kind: 'page', path, visitor: !/^\/(?:account|admin)(?:\/|$)/.test(path) } : { kind: 'shared' };
}
