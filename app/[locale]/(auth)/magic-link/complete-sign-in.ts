import 'server-only';
import { carryOutcome } from '@/lib/auth/session-cookie';
import { signInWithMagicLink } from '@/lib/recovery/magic-link';
import { requestInfo } from '@/lib/request-info';

/** Spends a sign-in link: signed in, on to the 2-step verification, or refused (false). */
export async function completeMagicSignIn(token: string): Promise<'signed_in' | 'second_factor' | false> {
  const result = await signInWithMagicLink({ token, ...(await requestInfo()) });
  if (!result.ok) return false;
  return carryOutcome(result.outcome);
}
