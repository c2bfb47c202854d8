import createMiddleware from 'next-intl/middleware';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeLocale } from '@/lib/i18n/locale-proxy';
import { routing } from '@/lib/i18n/routing';

const nextIntl = createMiddleware(routing);

const paths = ['/fr/login', '/en', '/fr', '/en/account/two-step', '/fr/login?callbackUrl=%2Ffr%2Faccount', '/login', '/', '/FR/login', '/fr//login', '/fr/caf%C3%A9', '/fr/login/', '/de/login'];
const headerSets: Array<Record<string, string>> = [
  {},
  { 'accept-language': 'fr-FR,fr;q=0.9' },
  { 'accept-language': 'en-US,en;q=0.9' },
  { 'accept-language': 'de' },
  { cookie: 'NEXT_LOCALE=fr' },
  { cookie: 'NEXT_LOCALE=en; other=1' },
  { cookie: 'NEXT_LOCALE=fr; NEXT_LOCALE=en' },
  { cookie: 'NEXT_LOCALE=%E0%A4%A; NEXT_LOCALE=fr' },
  { cookie: 'NEXT_LOCALE', 'accept-language': 'fr' },
  { cookie: 'other=1', 'accept-language': 'fr' },
  { 'sec-fetch-dest': 'empty' },
  { 'sec-fetch-dest': 'document', cookie: 'NEXT_LOCALE=en' },
  { 'x-forwarded-host': 'accounts.example.org', 'x-forwarded-proto': 'https' },
  { host: 'example.org:80' },
];

/** What a proxy answer tells Next.js and the browser. */
function answer(response: Response) {
  return { status: response.status, headers: [...response.headers].sort(([a], [b]) => a.localeCompare(b)) };
}

describe('routeLocale', () => {
  // The locale cookie's expiry is written from the clock: both answers must read the same second.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T09:28:50.900Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('answers every request as next-intl’s middleware does', () => {
    for (const path of paths) {
      for (const extra of headerSets) {
        const request = () => new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: '127.0.0.1:3000', ...extra } });
        const expected = answer(nextIntl(request()));
        const actual = answer(routeLocale(request(), new Headers(request().headers)));
        expect({ path, extra, ...actual }).toEqual({ path, extra, ...expected });
      }
    }
  });

  it('sees the proxy’s changes to the request’s headers', () => {
    const request = new NextRequest('http://127.0.0.1:3000/fr/login', { headers: { cookie: 'NEXT_LOCALE=fr' } });
    const headers = new Headers(request.headers);
    headers.delete('cookie');
    headers.set('content-security-policy', "script-src 'nonce-abc'");
    const expected = answer(nextIntl(new NextRequest(request, { headers })));
    expect(answer(routeLocale(request, new Headers(headers)))).toEqual(expected);
  });

  // The proxy's checks read a post's body (lib/http/request-guard.ts) before it is routed.
  it('answers a post whose body was read as next-intl answers it unread', async () => {
    for (const path of ['/login', '/fr/login/', '/FR/login', '/fr/login']) {
      const request = () => new NextRequest(`http://127.0.0.1:3000${path}`, { method: 'POST', body: 'locale=fr', headers: { host: '127.0.0.1:3000', 'content-type': 'application/x-www-form-urlencoded' } });
      const expected = answer(nextIntl(request()));
      const read = request();
      await read.formData();
      expect({ path, ...answer(routeLocale(read, new Headers(read.headers))) }).toEqual({ path, ...expected });
    }
  });
});
