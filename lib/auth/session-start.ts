import 'server-only';
import type { Executor } from '@/lib/db/client';
import { createSession, deleteUserSessions, recordSignIn } from '@/lib/db/sessions';
import { env } from '@/lib/env';
import { tellOfNewBrowser, type AccountContact } from './new-browser-notice';
import type { RequestOrigin, SignInRequest } from './sign-in-request';

// The one place where sessions start: `lib/auth/sign-in-stages` comes here once every stage of
// a sign-in is passed, and an account page here when the person proved themselves again.

/** Whether this browser signed in to the account before (its device cookie says so). */
export function knowsBrowser(request: SignInRequest, userId: string): boolean {
  return request.knownDevices.some((device) => device.userId === userId);
}

/**
 * Starts the session of a finished sign-in; returns its token, for the cookie of this request.
 * For a browser the account knows it is one statement, which needs no transaction (the password
 * sign-in opens none then: keep it one statement); a new browser's notice joins the caller's.
 */
export async function startSession(executor: Executor, user: AccountContact, request: SignInRequest, detail: Record<string, string>): Promise<string> {
  const userId = user.id;
  const { token, signedInBefore } = await recordSignIn(
    { userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS },
    { event: 'sign_in.succeeded', actorUserId: userId, targetUserId: userId, ip: request.ip, detail },
    executor,
  );
  // The very first sign-in of an account is no news to its owner; after that, a browser that
  // has never signed in to it is told about once.
  if (signedInBefore && !knowsBrowser(request, userId)) await tellOfNewBrowser(executor, user, request);
  return token;
}

/**
 * The person proved themselves again inside a session (a password change): the session gets a
 * new id and every other session of the account ends. Returns the new token for the cookie.
 */
export async function renewSession(tx: Executor, userId: string, request: RequestOrigin): Promise<string> {
  await deleteUserSessions(userId, {}, tx);
  return createSession({ userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS }, tx);
}
