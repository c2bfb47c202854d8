import 'server-only';
import { signIn } from '@/auth';
import { rememberDevice } from './device-cookie';

/**
 * Puts a session that `startSession` created into the browser: the Auth.js cookie carries it,
 * and the device cookie marks this browser as one the person signs in from.
 */
export async function putSessionInCookie(session: { userId: string; sessionToken: string }): Promise<void> {
  await signIn('credentials', { grant: session.sessionToken, redirect: false });
  await rememberDevice(session.userId);
}
