import 'server-only';
import { signIn } from '@/auth';
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

/** Carries a first factor's outcome into the browser; says whether a second step is due. */
export async function carryOutcome(outcome: SignInOutcome): Promise<'signed_in' | 'second_factor'> {
  if (outcome.next === 'session') {
    await putSessionInCookie(outcome);
    return 'signed_in';
  }
  await putChallengeInCookie(outcome.challengeToken);
  return 'second_factor';
}
