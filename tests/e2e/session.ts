import { encode } from '@auth/core/jwt';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { randomToken, sha256 } from '@/lib/crypto';
import { E2E_AUTH_SECRET, type E2eTarget } from './fixtures';

// Auth.js's cookie on plain http, and the salt its encryption key is derived with.
const COOKIE = 'authjs.session-token';
const HOURS = 12;

/**
 * Puts a session of `email` into the page's browser as the site's own sign-in does: a
 * `sessions` row (its token stored hashed) and the encrypted Auth.js cookie carrying the token.
 * For tests whose subject is not the sign-in; the sign-in form has its own (sign-in.e2e).
 * `twoStep` turns emailed codes on first, which the admin area asks of admins and managers.
 */
export async function startSession(target: E2eTarget, page: Page, email: string, { twoStep = false } = {}): Promise<void> {
  if (!target.databaseUrl) throw new Error(`a session is started in the database: ${target.name} has none this test can reach`);
  const sql = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
  const token = randomToken();
  try {
    await sql.begin(async (tx) => {
      const [user] = await tx<Array<{ id: string }>>`select id from users where email = ${email}`;
      if (!user) throw new Error(`no account ${email}`);
      if (twoStep) await tx`update users set email_otp_enabled = true where id = ${user.id}`;
      await tx`
        insert into sessions (token_hash, user_id, expires_at, user_agent)
        values (${sha256(token)}, ${user.id}, now() + make_interval(hours => ${HOURS}), 'e2e session fixture')`;
    });
  } finally {
    await sql.end();
  }
  const value = await encode({ token: { sid: token }, secret: E2E_AUTH_SECRET, salt: COOKIE, maxAge: HOURS * 3600 });
  await page.context().addCookies([{ name: COOKIE, value, url: target.baseURL, httpOnly: true, sameSite: 'Lax' }]);
}
