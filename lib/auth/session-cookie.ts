import 'server-only';
import { redirect as redirectToPath } from 'next/navigation';
import { signIn } from '@/auth';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { clearChallengeCookie, putChallengeInCookie } from './challenge-cookie';
import { rememberDevice } from './device-cookie';
import type { SignInOutcome } from './sign-in-stages';

/**
 * Puts a session that `lib/auth/sign-in-stages` started into the browser: the Auth.js cookie
 * carries it, and the device cookie marks this browser as one the person signs in from.
 */
export async function putSessionInCookie(session: { userId: string; sessionToken: string }): Promise<void> {
  await signIn('credentials', { grant: session.sessionToken, redirect: false });
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
