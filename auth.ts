import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { claimSession } from '@/lib/db/sessions';
import { env } from '@/lib/env';

/**
 * Auth.js only carries the session token in its encrypted JWT cookie. Every way of signing in
 * (password, and later 2-step and one-time links) creates a `sessions` row in `lib/` first and
 * hands Auth.js its token as a one-time grant; the row, not the cookie, decides whether the
 * session is alive. No route handler is mounted: nothing in the browser talks to Auth.js.
 */
export const { auth, signIn, signOut } = NextAuth(() => {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: config.https,
    session: { strategy: 'jwt', maxAge: config.SESSION_ABSOLUTE_HOURS * 60 * 60 },
    providers: [
      Credentials({
        credentials: { grant: {} },
        async authorize(credentials) {
          const grant = credentials?.grant;
          if (typeof grant !== 'string' || grant.length === 0) return null;
          return (await claimSession(grant)) ? { id: grant } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) return { sid: user.id };
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid };
      },
    },
  };
});
