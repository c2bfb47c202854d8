import 'server-only';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { signInWithMagicLink } from '@/lib/recovery/magic-link';
import { requestInfo } from '@/lib/request-info';

/** Spends a sign-in link and puts the new session into the Auth.js cookie. */
export async function completeMagicSignIn(token: string): Promise<boolean> {
  const result = await signInWithMagicLink({ token, ...(await requestInfo()) });
  if (!result.ok) return false;
  await putSessionInCookie(result);
  return true;
}
