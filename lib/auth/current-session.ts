import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import { findLiveSession, touchSession } from '@/lib/db/sessions';
import { findUserById, type PublicUser } from '@/lib/db/users';
import { env } from '@/lib/env';
import { SESSION_COOKIE } from '@/lib/http/cookie-name';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { isRecentlyConfirmed } from './recent-confirmation';

export interface CurrentSession {
  sessionId: string;
  token: string;
  authenticatedAt: Date;
  user: PublicUser;
}


/** Reads the session token from the Auth.js cookie and checks it against the database. */
async function readSession(): Promise<{ session: CurrentSession | null; hadCookie: boolean }> {
  // Without the cookie there is nothing to read, and asking Auth.js anyway costs every anonymous
  // page a request object, a CSRF token and a hash (the largest shared cost found by profiling).
  if (!(await cookies()).getAll().some(({ name }) => SESSION_COOKIE.test(name))) return { session: null, hadCookie: false };
  const token = (await auth())?.sid;
  if (!token) return { session: null, hadCookie: false };
  const live = await findLiveSession(token, env().SESSION_IDLE_MINUTES);
  if (!live) return { session: null, hadCookie: true };
  if (live.stale) await touchSession(live.id);
  const user = await findUserById(live.userId);
  if (!user) return { session: null, hadCookie: true };
  return { session: { sessionId: live.id, token, authenticatedAt: live.authenticatedAt, user }, hadCookie: true };
}

/** Once per request, however many components ask. */
const readSessionOnce = cache(readSession);

export async function getCurrentSession(): Promise<CurrentSession | null> {
  return (await readSessionOnce()).session;
}

/**
 * Where to come back to after signing in: a page of the site without its language (such as
 * `/account/two-step`), as every require… function and the action pipeline take it.
 */
export type ReturnTo = Parameters<typeof getPathname>[0]['href'];

/**
 * For pages and actions that need a signed-in person: sends everyone else to sign in, and
 * back to `returnTo` afterwards. A cookie whose session was revoked or expired is told so.
 */
export async function requireSession(locale: AppLocale, returnTo: ReturnTo): Promise<CurrentSession> {
  const { session, hadCookie } = await readSessionOnce();
  if (session) return session;
  const query = new URLSearchParams({ callbackUrl: getPathname({ href: returnTo, locale }) });
  if (hadCookie) query.set('ended', '1');
  redirect(`/${locale}/login?${query}`);
}

/**
 * For sensitive changes: a signed-in person who proved themselves within the window. Anyone
 * else is asked for their password first, then brought back to `returnTo`.
 */
export async function requireRecentSession(locale: AppLocale, returnTo: ReturnTo): Promise<CurrentSession> {
  const session = await requireSession(locale, returnTo);
  if (isRecentlyConfirmed(session)) return session;
  const next = getPathname({ href: returnTo, locale });
  redirect(getPathname({ href: { pathname: '/account/confirm', query: { next } }, locale }));
}
