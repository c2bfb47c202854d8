import 'server-only';
import { cookies } from 'next/headers';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { COMPANY_SIGN_IN_MINUTES } from '@/lib/policy';

// Binds a trip to a company's provider to the browser that set out (SameSite=Lax: the provider
// brings the person back by a top-level GET, which carries it).
const NAME = 'sesame-sso';

export async function putTripInCookie(binding: string): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), binding, hostCookieOptions(COMPANY_SIGN_IN_MINUTES * 60));
}

/** The binding secret, and the cookie cleared: a trip is finished once, whatever its outcome. */
export async function takeTripFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const value = jar.get(hostCookieName(NAME))?.value ?? null;
  jar.set(hostCookieName(NAME), '', hostCookieOptions(0));
  return value;
}
