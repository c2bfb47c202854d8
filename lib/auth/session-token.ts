import 'server-only';
import { getToken } from 'next-auth/jwt';
import { env } from '@/lib/env';

/**
 * The session token inside Auth.js's encrypted cookie, read from a `Cookie` header that is not
 * the current request's own (a preview frame's, handed on by the request filter); null when it
 * is missing, forged or past its time.
 */
export async function sessionTokenIn(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const config = env();
  try {
    const payload = await getToken({ req: { headers: new Headers({ cookie: cookieHeader }) }, secret: config.AUTH_SECRET!, secureCookie: config.https });
    return typeof payload?.sid === 'string' ? payload.sid : null;
  } catch {
    return null;
  }
}
