import { env } from '@/lib/env';

/**
 * On https a cookie of ours carries the `__Host-` prefix: the browser then accepts it only
 * from this exact host, over TLS, for the whole site — no subdomain can plant or overwrite it.
 */
export function hostCookieName(name: string): string {
  return env().https ? `__Host-${name}` : name;
}

/** The attributes a `__Host-` cookie requires, and the ones every cookie of ours has. */
export function hostCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: env().https,
    path: '/',
    maxAge: maxAgeSeconds,
  };
}

/** Auth.js's session cookie, whole or in chunks (".0", ".1"), "__Secure-" on https. */
export const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;
