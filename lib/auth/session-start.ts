import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import { createSession, deleteUserSessions } from '@/lib/db/sessions';
import { markSignedIn } from '@/lib/db/users';
import { env } from '@/lib/env';
import { tellOfNewBrowser, type AccountContact } from './new-browser-notice';
import type { RequestOrigin, SignInRequest } from './sign-in-request';

// The one place where sessions start: `lib/auth/sign-in-stages` comes here once every stage of
// a sign-in is passed, and an account page here when the person proved themselves again.

/** Starts the session of a finished sign-in; returns its token, a one-time grant for the cookie. */
export async function startSession(tx: Executor, user: AccountContact, request: SignInRequest, detail: Record<string, string>): Promise<string> {
  const userId = user.id;
  // Sent together, in one round trip to the database: none needs another's answer.
  const [token, lastSignIn] = await Promise.all([
    createSession({ userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS }, tx),
    markSignedIn(userId, tx),
    recordAudit({ event: 'sign_in.succeeded', actorUserId: userId, targetUserId: userId, ip: request.ip, detail }, tx),
  ]);
  const signedInBefore = lastSignIn !== null;
  // The very first sign-in of an account is no news to its owner; after that, a browser that
  // has never signed in to it is told about once.
  if (signedInBefore && !request.knownDevices.some((device) => device.userId === userId)) await tellOfNewBrowser(tx, user, request);
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
