import NextAuth from 'next-auth';
import { env } from '@/lib/env';

/**
 * Auth.js reads the session token from its encrypted JWT cookie (`auth()`) and clears it
 * (`signOut`). Every way of signing in creates a `sessions` row in `lib/` first, and
 * `lib/auth/session-cookie.ts` writes its token into the cookie, in Auth.js's format, in the same
 * request. The row, not the cookie, decides whether the session is alive. No route
 * handler is mounted: nothing in the browser talks to Auth.js.
 */
export const { auth, signOut } = NextAuth(() => {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: config.https,
    session: { strategy: 'jwt', maxAge: config.SESSION_ABSOLUTE_HOURS * 60 * 60 },
    providers: [],
    callbacks: {
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid };
      },
    },
  };
});
