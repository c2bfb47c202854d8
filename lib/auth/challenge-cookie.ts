import 'server-only';
import { cookies } from 'next/headers';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { CHALLENGE_MINUTES } from '@/lib/policy';

// Carries a sign-in between its stages; the server keeps only the token's hash.
const NAME = 'sesame-challenge';

export async function putChallengeInCookie(token: string): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), token, hostCookieOptions(CHALLENGE_MINUTES * 60));
}

export async function challengeFromCookie(): Promise<string | null> {
  return (await cookies()).get(hostCookieName(NAME))?.value ?? null;
}

export async function clearChallengeCookie(): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), '', hostCookieOptions(0));
}
