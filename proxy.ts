import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { logoOrigin } from '@/lib/branding';
import { databaseAnswers } from '@/lib/db/pool-health';
import { mailboxOpenTo } from '@/lib/email/mailbox';
import { env } from '@/lib/env';
import { SESSION_COOKIE } from '@/lib/http/cookie-name';
import { renderForeignNotFoundPage, renderRequestErrorPage } from '@/lib/http/error-page';
import { unavailableAnswer } from '@/lib/http/outage-answer';
import { checkFormBody, checkPostHeaders, statusOf, type RequestProblem } from '@/lib/http/request-guard';
import { toLocale } from '@/lib/i18n/locale';
import { LOCALE_HEADER, routeLocale } from '@/lib/i18n/locale-proxy';
import { routing } from '@/lib/i18n/routing';
import { addressesOf } from '@/lib/network/request-address';
import { requestIdOf } from '@/lib/observability/logger';
import { PREVIEW_HEADER, PREVIEW_PARAMETER, PREVIEW_SESSION_HEADER, readPreviewPass } from '@/lib/translations/preview-pass';

// A first segment shaped like a language tag that is not one of ours ("/de/login").
const FOREIGN_LOCALE = /^\/[a-z]{2}(?:-[a-z0-9]{2,4})?(?:\/|$)/i;
const LOCALES = routing.locales.join('|');
const MAILBOX = new RegExp(`^/(?:${LOCALES})/dev/mailbox(?:/|$)`);
// Pages that show an email in a sandboxed srcdoc frame: the frame inherits their policy.
const EMAIL_PREVIEW = new RegExp(`^/(?:${LOCALES})/(?:dev/mailbox/[^/]+|admin/translations/edit)$`);

const NONCE_BYTES = 16;
// Each draw from the CSPRNG is a system call, which profiles showed on every page: nonces are
// cut from a larger draw instead, each part used once.
const NONCES_PER_DRAW = 256;
let drawn = Buffer.alloc(0);
let used = 0;

function newNonce(): string {
  if (used === drawn.length) {
    drawn = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
    used = 0;
  }
  used += NONCE_BYTES;
  return drawn.toString('base64', used - NONCE_BYTES, used);
}

function contentSecurityPolicy(nonce: string, pathname: string, previewFrame: boolean): string {
  const dev = process.env.NODE_ENV === 'development';
  return [
    `default-src 'self'`,
    // React's dev tooling evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // Stylesheets are files. Inline styles are the dev overlay's (a nonce would disable
    // 'unsafe-inline', so development has no nonce here) and the development mailbox's email
    // preview and the translation editor's: their sandboxed srcdoc frames inherit this policy,
    // and emails are styled inline.
    `style-src 'self' ${dev ? `'unsafe-inline'` : `'nonce-${nonce}'`}`,
    ...(EMAIL_PREVIEW.test(pathname) ? [`style-src-attr 'unsafe-inline'`] : []),
    `img-src 'self' data:${logoOrigin() ? ` ${logoOrigin()}` : ''}`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    // The translation editor frames the pages it previews; nothing else frames this site.
    `frame-ancestors ${previewFrame ? `'self'` : `'none'`}`,
    `form-action 'self'`,
  ].join('; ');
}

/**
 * Pages reached with a token send `Referrer-Policy: no-referrer`, and under that policy a
 * browser posts their forms with `Origin: null`, which Next.js refuses as a possible CSRF.
 * When the browser itself vouches that the post comes from this site (`Sec-Fetch-Site`, which
 * no page can forge), the origin is restored; a cross-site post with `Origin: null` still fails.
 */
function vouchForSameOriginPost(request: NextRequest, headers: Headers) {
  if (request.method !== 'POST' || request.headers.get('origin') !== 'null') return;
  if (request.headers.get('sec-fetch-site') !== 'same-origin') return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (host) headers.set('origin', `${request.nextUrl.protocol}//${host}`);
}

/**
 * A page the translation editor frames to preview its drafts: the pass and the browser's
 * session cookie go on to the page's message loader, which checks that they belong together
 * and that the editor may still edit. A visitor's page is shown as a visitor sees it, so the
 * editor's cookies stay out of the request.
 */
function previewFrame(request: NextRequest, headers: Headers): boolean {
  headers.delete(PREVIEW_HEADER);
  headers.delete(PREVIEW_SESSION_HEADER);
  const value = request.nextUrl.searchParams.get(PREVIEW_PARAMETER);
  const pass = request.method === 'GET' && value ? readPreviewPass(value) : null;
  if (!value || !pass) return false;
  headers.set(PREVIEW_HEADER, value);
  const session = request.cookies.getAll().filter(({ name }) => SESSION_COOKIE.test(name));
  if (session.length > 0) headers.set(PREVIEW_SESSION_HEADER, session.map(({ name, value }) => `${name}=${value}`).join('; '));
  if (pass.visitor) headers.delete('cookie');
  return true;
}

/** Browsers that have seen the site over HTTPS keep to it. */
function keepToHttps(response: Response): Response {
  if (process.env.NODE_ENV === 'production' && env().https) {
    response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  }
  return response;
}

async function refusedPost(request: NextRequest, headers: Headers): Promise<RequestProblem | null> {
  if (request.method !== 'POST') return null;
  return checkPostHeaders(headers) ?? (await checkFormBody(request));
}

/**
 * Locale routing, response headers, and answers for what no page should see: this is not the
 * security boundary (every page and action checks the session and its inputs itself), it only
 * gives refused requests a proper status and a page in the person's language.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const segment = pathname.split('/')[1] ?? '';
  const nonce = newNonce();
  const headers = new Headers(request.headers);
  const previewing = previewFrame(request, headers);
  const csp = contentSecurityPolicy(nonce, pathname, previewing);
  if (FOREIGN_LOCALE.test(pathname) && !(routing.locales as readonly string[]).includes(segment)) {
    // Nothing from the request is reflected or redirected to.
    return new NextResponse(renderForeignNotFoundPage(routing.locales, nonce), {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': csp },
    });
  }

  // While the database is out of reach a page could only fail: it is answered "unavailable" here,
  // with its own strict policy. A script's call to a server action goes on, and its pipeline
  // answers its own localized "try again".
  if (!request.headers.has('next-action') && !(await databaseAnswers())) {
    return keepToHttps(unavailableAnswer(toLocale(segment), requestIdOf(request.headers)));
  }

  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set('content-security-policy', csp);
  vouchForSameOriginPost(request, headers);

  let response: NextResponse;
  const problem = await refusedPost(request, headers);
  if (problem) {
    response = new NextResponse(renderRequestErrorPage(toLocale(segment), problem, nonce), {
      status: statusOf[problem],
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  } else if (MAILBOX.test(pathname) && !mailboxOpenTo(addressesOf(request.headers))) {
    // The same not-found page as any unknown address; the mailbox pages check again themselves.
    headers.set(LOCALE_HEADER, toLocale(segment));
    response = NextResponse.rewrite(new URL(`/${segment}/not-found`, request.url), { request: { headers } });
  } else {
    response = routeLocale(request, headers);
  }

  response.headers.set('content-security-policy', csp);
  // A frame seen without cookies must not set the editor's (the language the frame shows).
  if (previewing) response.headers.delete('set-cookie');
  return keepToHttps(response);
}

export const config = {
  // Pages only: not Next.js internals, API routes or files with an extension.
  matcher: ['/((?!api|_next|_vercel|.*\\..*).*)'],
};
