import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { requireSession, type CurrentSession } from '@/lib/auth/current-session';
import { isRecentlyConfirmed } from '@/lib/auth/recent-confirmation';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from './can';
import type { AdminAction } from './policy';
import { lacksRequiredTwoStep } from './two-step-policy';

/**
 * For admin pages and actions: the signed-in person, if they may do `action` at all. Anyone
 * else gets the same "not found" as a page that does not exist; an admin or manager without
 * 2-step verification (when the policy asks for it) is led to turn it on first.
 * `returnTo` is a path without its language.
 */
export async function requirePermission(locale: AppLocale, action: AdminAction, returnTo: string): Promise<CurrentSession> {
  const session = await requireSession(locale, returnTo);
  const { user } = session;
  if (!can(user, action)) notFound();
  if (lacksRequiredTwoStep(user)) {
    redirect(getPathname({ href: { pathname: '/account/two-step', query: { required: 'admin' } }, locale }));
  }
  return session;
}

/**
 * For admin actions: as `requirePermission`, and every one of them is a sensitive change, so
 * it also needs a sign-in or a password confirmation within the last minutes (the person is
 * asked for their password, then brought back to `returnTo`).
 */
export async function requireRecentPermission(locale: AppLocale, action: AdminAction, returnTo: string): Promise<CurrentSession> {
  const session = await requirePermission(locale, action, returnTo);
  if (isRecentlyConfirmed(session)) return session;
  redirect(getPathname({ href: { pathname: '/account/confirm', query: { next: getPathname({ href: returnTo, locale }) } }, locale }));
}
