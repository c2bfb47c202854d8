import { decode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sealSessionCookie, sessionCookieName } from '@/lib/auth/auth-js-session-cookie';

const secret = 'a secret of at least thirty-two characters';
const salt = sessionCookieName(false);

describe('the session cookie the site writes for Auth.js to read', () => {
  it('is read back by Auth.js as the session it names, until it expires', async () => {
    const sealed = sealSessionCookie('the-session-token', { secret, salt, maxAgeSeconds: 3600 });
    const token = await decode({ token: sealed, secret, salt });
    expect(token?.sid).toBe('the-session-token');
    expect(token!.exp! - token!.iat!).toBe(3600);
  });

  it('is refused under another secret, another cookie name, or altered', async () => {
    const sealed = sealSessionCookie('the-session-token', { secret, salt, maxAgeSeconds: 3600 });
    await expect(decode({ token: sealed, secret: `${secret}!`, salt })).rejects.toThrow();
    await expect(decode({ token: sealed, secret, salt: sessionCookieName(true) })).rejects.toThrow();
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.startsWith('A') ? 'B' : 'A'}${parts[3]!.slice(1)}`;
    await expect(decode({ token: parts.join('.'), secret, salt })).rejects.toThrow();
  });

  it('is refused once past its time', async () => {
    const sealed = sealSessionCookie('the-session-token', { secret, salt, maxAgeSeconds: -60 });
    await expect(decode({ token: sealed, secret, salt })).rejects.toThrow();
  });

  it('names the cookie as Auth.js does on http and https', () => {
    expect(sessionCookieName(false)).toBe('authjs.session-token');
    expect(sessionCookieName(true)).toBe('__Secure-authjs.session-token');
  });
});
