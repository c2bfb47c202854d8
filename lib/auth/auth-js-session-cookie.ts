import 'server-only';
import { createCipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';

// Auth.js reads the session cookie (`auth()`); the site writes it. Auth.js's own sign-in would
// build a request, a CSRF token and its digest, and derive the cookie's key by HKDF on every
// sign-in, all through asynchronous WebCrypto jobs: about a tenth of a sign-in's main thread in
// the bench's profile. The cookie is the same JWE Auth.js writes (RFC 7516, "dir" with
// A256GCM, which Auth.js's `decode` accepts beside its default), its key derived as Auth.js
// derives it, once per process.

const ENCRYPTION = 'A256GCM';

/** The cookie's name as Auth.js names it: "__Secure-" on https. */
export function sessionCookieName(https: boolean): string {
  return `${https ? '__Secure-' : ''}authjs.session-token`;
}

const keys = new Map<string, { key: Buffer; header: string }>();

/** Auth.js's key for a cookie name (its salt), and the protected header naming it (`kid`). */
function keyFor(secret: string, salt: string) {
  const id = `${salt}\u0000${secret}`;
  let entry = keys.get(id);
  if (!entry) {
    const key = Buffer.from(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32));
    // RFC 7638 thumbprint of the key as an "oct" JWK, as Auth.js matches keys to tokens.
    const kid = createHash('sha256').update(`{"k":"${key.toString('base64url')}","kty":"oct"}`).digest('base64url');
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: ENCRYPTION, kid })).toString('base64url');
    entry = { key, header };
    keys.set(id, entry);
  }
  return entry;
}

/** The JWE compact serialisation of Auth.js's token `{ sid }`, valid for `maxAgeSeconds`. */
export function sealSessionCookie(sid: string, options: { secret: string; salt: string; maxAgeSeconds: number }): string {
  const { key, header } = keyFor(options.secret, options.salt);
  const now = Math.floor(Date.now() / 1000);
  const claims = JSON.stringify({ sid, iat: now, exp: now + options.maxAgeSeconds, jti: randomUUID() });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const body = Buffer.concat([cipher.update(claims, 'utf8'), cipher.final()]);
  return [header, '', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}
