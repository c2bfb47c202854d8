import 'server-only';
import { knownDevices } from '@/lib/auth/device-cookie';
import type { SignInOutcome } from '@/lib/auth/sign-in-stages';
import { signInWithMagicLink } from '@/lib/recovery/magic-link';
import { requestInfo } from '@/lib/request-info';

/** Spends a sign-in link: what comes next, or null when it was refused. */
export async function completeMagicSignIn(token: string): Promise<SignInOutcome | null> {
  const result = await signInWithMagicLink({ token, ...(await requestInfo()), knownDevices: await knownDevices() });
  return result.ok ? result.outcome : null;
}
