import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { LOCALE_COOKIE, routing, type AppLocale } from './routing';

const handleLocale = createMiddleware(routing);

// next-intl tells the pages the request's language in this header (its middleware sets it).
export const LOCALE_HEADER = 'x-next-intl-locale';

// An address under one of our languages that next-intl would pass on unchanged: nothing to
// decode, no doubled or trailing slash, no letter case to correct.
const PLAIN_PATH = new RegExp(`^/(${routing.locales.join('|')})((?:/[A-Za-z0-9_~-]+)*)$`);

/**
 * next-intl's middleware, with the answer it gives to almost every page request written out
 * here: profiling found the middleware, and the second request object it needs to see the
 * proxy's headers, among the largest costs of a page. What this shortcut does not settle
 * (an address to redirect or decode, a first visit whose language must be negotiated from
 * Accept-Language) still goes to next-intl; tests/lib/i18n/locale-proxy.test.ts holds both
 * answers to be the same.
 *
 * `headers` are the request's as the page will see them (the proxy's changes made).
 */
export function routeLocale(request: NextRequest, headers: Headers): NextResponse {
  const plain = PLAIN_PATH.exec(request.nextUrl.pathname);
  const locale = plain?.[1] as AppLocale | undefined;
  const setCookie = locale && localeCookieChange(headers, locale);
  // next-intl needs only the address, method and headers; a post's body was read by the proxy's
  // checks (lib/http/request-guard.ts), and a request cannot be made from a read one.
  if (!plain || !locale || setCookie === undefined) return handleLocale(new NextRequest(request.url, { method: request.method, headers }));

  headers.set(LOCALE_HEADER, locale);
  const response = NextResponse.next({ request: { headers } });
  if (setCookie) {
    const { name, ...attributes } = LOCALE_COOKIE;
    response.cookies.set(name, locale, attributes);
  }
  response.headers.set('link', alternateLinks(request, headers, plain[2] || '/'));
  return response;
}

/**
 * Whether next-intl would write its language cookie: when a page is opened in another language
 * than the cookie's, or, without the cookie, than the browser asks for. Undefined when that
 * takes negotiating Accept-Language, which is left to next-intl.
 */
function localeCookieChange(headers: Headers, locale: AppLocale): boolean | undefined {
  // Only documents: the client router's background requests must not switch the language.
  const destination = headers.get('sec-fetch-dest');
  if (destination !== null && destination !== 'document') return false;
  const cookie = cookieValue(headers.get('cookie'), LOCALE_COOKIE.name);
  if (cookie !== undefined) return cookie !== locale;
  // Without Accept-Language next-intl finds no language of the browser's, so it writes the cookie.
  return headers.get('accept-language') ? undefined : true;
}

/** The cookie of that name as next-intl reads it, through Next.js's parser: the last one readable. */
function cookieValue(header: string | null, name: string): string | undefined {
  let value: string | undefined;
  for (const pair of header?.split(/; */) ?? []) {
    const split = pair.indexOf('=');
    if (split === -1) {
      if (pair === name) value = 'true';
      continue;
    }
    if (pair.slice(0, split) !== name) continue;
    try {
      value = decodeURIComponent(pair.slice(split + 1));
    } catch {
      // Skipped, as Next.js skips it.
    }
  }
  return value;
}

/** next-intl's Link header: the page in each language, and unprefixed as the default. */
function alternateLinks(request: NextRequest, headers: Headers, unprefixed: string): string {
  const base = new URL(request.url);
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (host) {
    base.port = '';
    base.host = host;
  }
  base.protocol = headers.get('x-forwarded-proto') ?? base.protocol;
  const { origin } = base;
  const entry = (pathname: string, hreflang: string) => `<${origin}${pathname}>; rel="alternate"; hreflang="${hreflang}"`;
  const suffix = unprefixed === '/' ? '' : unprefixed;
  return [...routing.locales.map((code) => entry(`/${code}${suffix}`, code)), entry(unprefixed, 'x-default')].join(', ');
}
