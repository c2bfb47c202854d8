import 'server-only';
import { cookies } from 'next/headers';
import { redirect as redirectToPath } from 'next/navigation';
import { env } from '@/lib/env';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { sealSessionCookie, sessionCookieName } from './auth-js-session-cookie';
import { clearChallengeCookie, putChallengeInCookie } from './challenge-cookie';
import { rememberDevice } from './device-cookie';
import type { SignInOutcome } from './sign-in-stages';

/**
 * Puts a session that `lib/auth/session-start` started, in this same request, into the browser:
 * the Auth.js cookie carries it, and the device cookie marks this browser as one the person
 * signs in from. The token exists nowhere else (the table keeps its hash).
 */
export async function putSessionInCookie(session: { userId: string; sessionToken: string }): Promise<void> {
  const config = env();
  const name = sessionCookieName(config.https);
  const maxAgeSeconds = config.SESSION_ABSOLUTE_HOURS * 60 * 60;
  const value = sealSessionCookie(session.sessionToken, { secret: config.AUTH_SECRET, salt: name, maxAgeSeconds });
  // The attributes Auth.js gives its session cookie.
  (await cookies()).set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: config.https, expires: new Date(Date.now() + maxAgeSeconds * 1000) });
  await rememberDevice(session.userId);
  await clearChallengeCookie();
}

/**
 * Carries a sign-in stage's outcome into the browser and goes where it leads: the page asked
 * for (`next`, a path inside the site with its language), or the stage still due, which
 * brings the person there afterwards.
 */
export async function goToNextStage(outcome: SignInOutcome, locale: AppLocale, next: string): Promise<never> {
  if (outcome.next === 'session') {
    await putSessionInCookie(outcome);
    return redirectToPath(next);
  }
  await putChallengeInCookie(outcome.challengeToken);
  const pathname = outcome.next === 'second_factor' ? '/login/verify' : '/login/new-password';
  return redirect({ href: { pathname, query: { callbackUrl: next } }, locale });
}
