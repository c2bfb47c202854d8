import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { loaded } from '@/lib/i18n/message-cache';
import { routing } from '@/lib/i18n/routing';
import { REQUEST_ID_HEADER } from '@/lib/observability/logger';
import { newChallenge } from '@/lib/passkeys/ceremony-challenge';

/**
 * The public pages as Next.js last rendered them, served again without rendering: a visitor
 * with no session sees the same sign-in page as every other visitor with the same language
 * settings, save for three things made for each request, which are made again here:
 *
 * - the CSP nonce: a new one for each answer, in its header and in every script and style the
 *   page carries, so the policy stays as strict as a rendered page's (no 'unsafe-inline', no
 *   nonce ever sent twice);
 * - the request id, which the error text quotes;
 * - the passkey challenge of the sign-in page, signed anew (lib/passkeys/ceremony-challenge.ts).
 *
 * A browser test (tests/e2e/page-cache.e2e.test.ts) renders each page twice and holds every
 * other byte equal. Only requests whose answer depends on nothing else are served: GET of a
 * document (not the client router's RSC requests), at an address listed here, whose cookies are
 * only the language and phone country ones (a session, a sign-in in progress or anything else
 * goes to Next.js). The answer is kept per host, address, cookies, Accept-Language and
 * Sec-Fetch-Dest, everything the page and the proxy read; and per version of the published
 * translations: an editor's publish marks the words stale (LISTEN, or the version check), the
 * next request is rendered, and the cache starts again from the new version.
 */

const PUBLIC_PAGES = new RegExp(
  `^/(?:${routing.locales.join('|')})/(?:login|forgot-password|forgot-password/access-code|reset-password/code|magic-link|magic-link/code|activate|help/cant-sign-in)$`,
);
// The only queries kept: none, and the code pages' "sent" notice.
const PUBLIC_QUERIES = new Set(['', '?sent=1']);
// Cookies the public pages read without their answer depending on anyone's account.
const NEUTRAL_COOKIES = new Set(['NEXT_LOCALE', 'sesame-phone-region', '__Host-sesame-phone-region']);
// Requests of the client router and of server actions: never a document.
const ROUTER_HEADERS = ['rsc', 'next-action', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch'];
// Headers of an answer that belong to its connection or its request, not to the page.
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', REQUEST_ID_HEADER]);
// Enough for every page in both languages under many browsers' settings; the oldest go first.
const MAX_ENTRIES = 1_000;

const NONCE = '\u0000n';
const REQUEST_ID = '\u0000r';
const CHALLENGE = '\u0000c';
const MARK = /\u0000([nrc])/;

interface Entry {
  headers: OutgoingHttpHeaders;
  /** The page's text split at its marks: text, mark, text, mark… */
  parts: string[];
}

const cookieNames = (header: string | undefined) =>
  (header ?? '')
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean);

/** The key of a request this cache may answer, or null. */
function keyOf(request: IncomingMessage): string | null {
  if (request.method !== 'GET' || !request.url) return null;
  const query = request.url.indexOf('?');
  const pathname = query === -1 ? request.url : request.url.slice(0, query);
  if (!PUBLIC_PAGES.test(pathname) || !PUBLIC_QUERIES.has(query === -1 ? '' : request.url.slice(query))) return null;
  const { headers } = request;
  if (ROUTER_HEADERS.some((name) => headers[name] !== undefined)) return null;
  if (!cookieNames(headers.cookie).every((name) => NEUTRAL_COOKIES.has(name))) return null;
  const version = loaded.stale ? undefined : loaded.cache?.version;
  if (version === undefined) return null;
  return [version, headers.host, request.url, headers.cookie, headers['accept-language'], headers['sec-fetch-dest']].join('\u0001');
}

/** `text` with every occurrence of `value` replaced by `mark` (nothing when `value` is empty). */
const marking = (text: string, value: string | undefined, mark: string) => (value ? text.split(value).join(mark) : text);

// The challenge as the sign-in page's payload carries it: base64url inside escaped JSON.
const CHALLENGE_IN_PAGE = /challenge\\":\\"([A-Za-z0-9_-]+)\\"/;

function entryOf(response: ServerResponse, body: string, requestId: string): Entry | null {
  const policy = response.getHeader('content-security-policy');
  const nonce = typeof policy === 'string' ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined;
  const cookies = ([] as Array<string | number>).concat(response.getHeader('set-cookie') ?? []).map(String);
  if (!nonce || body.includes('\u0000') || cookies.some((cookie) => !cookie.startsWith('NEXT_LOCALE='))) return null;
  let text = marking(body, nonce, NONCE);
  text = marking(text, requestId, REQUEST_ID);
  text = marking(text, CHALLENGE_IN_PAGE.exec(body)?.[1], CHALLENGE);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (OWN_HEADERS.has(name) || value === undefined) continue;
    headers[name] = name === 'content-security-policy' ? marking(String(value), nonce, NONCE) : value;
  }
  return { headers, parts: text.split(MARK) };
}

/** A year from now, as the language cookie's Expires says it (its Max-Age says the same). */
const renewed = (cookie: string) => cookie.replace(/Expires=[^;]+/i, (expires) => {
  const maxAge = /Max-Age=(\d+)/i.exec(cookie)?.[1];
  return maxAge ? `Expires=${new Date(Date.now() + Number(maxAge) * 1000).toUTCString()}` : expires;
});

export interface PageCache {
  /** Answers `request` from the cache, or returns false and keeps what Next.js answers, if it may. */
  serve(request: IncomingMessage, response: ServerResponse, requestId: string): boolean;
}

export function pageCache(): PageCache {
  const entries = new Map<string, Entry>();
  let version: number | undefined;

  const keep = (key: string, entry: Entry) => {
    if (loaded.cache?.version !== version) {
      entries.clear();
      version = loaded.cache?.version;
    }
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
  };

  const answer = (request: IncomingMessage, response: ServerResponse, entry: Entry, requestId: string) => {
    // As the proxy makes them: 16 random bytes in base64.
    const nonce = randomBytes(16).toString('base64');
    const values: Record<string, () => string> = {
      n: () => nonce,
      r: () => requestId,
      c: () => Buffer.from(newChallenge('sign_in', null)).toString('base64url'),
    };
    let text = '';
    for (const [index, part] of entry.parts.entries()) text += index % 2 === 0 ? part : values[part]!();
    for (const [name, value] of Object.entries(entry.headers)) {
      if (name === 'content-security-policy') response.setHeader(name, String(value).split(NONCE).join(nonce));
      else if (name === 'set-cookie') response.setHeader(name, ([] as Array<string | number>).concat(value!).map((cookie) => renewed(String(cookie))));
      else response.setHeader(name, value!);
    }
    let body = Buffer.from(text);
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      // Fast compression: made anew for each answer, since the nonce is in it.
      body = gzipSync(body, { level: 1 });
      response.setHeader('content-encoding', 'gzip');
    }
    response.setHeader('content-length', body.length);
    response.statusCode = 200;
    response.end(body);
  };

  /** Collects what Next.js writes, and keeps it if it is a whole page with nothing personal in it. */
  const record = (key: string, response: ServerResponse, requestId: string) => {
    const chunks: Buffer[] = [];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof response.write;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') collect(chunk, rest[0]);
      const result = end(chunk, ...rest);
      const html = String(response.getHeader('content-type') ?? '').startsWith('text/html');
      if (response.statusCode === 200 && html && !response.getHeader('content-encoding')) {
        const entry = entryOf(response, Buffer.concat(chunks).toString('utf8'), requestId);
        if (entry) keep(key, entry);
      }
      return result;
    }) as typeof response.end;
  };

  return {
    serve(request, response, requestId) {
      const key = keyOf(request);
      if (key === null) return false;
      const entry = loaded.cache?.version === version ? entries.get(key) : undefined;
      if (entry) {
        answer(request, response, entry, requestId);
        return true;
      }
      // Rendered uncompressed, so that it can be kept; this one answer goes out as it is.
      delete request.headers['accept-encoding'];
      record(key, response, requestId);
      return false;
    },
  };
}
