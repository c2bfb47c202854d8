import 'server-only';
import { randomBytes } from 'node:crypto';
import { isDatabaseUnreachable, RETRY_AFTER_SECONDS } from '@/lib/db/unreachable';
import { toLocale } from '@/lib/i18n/locale';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestIdOf } from '@/lib/observability/logger';
import { renderUnavailablePage } from './error-page';

/** What the server (scripts/server.ts) sends instead of a page whose rendering failed. */
export interface ReplacementAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type ReplaceAnswer = (headers: Record<string, string | string[] | undefined>, answer: ReplacementAnswer) => void;

/** How the server (scripts/server.ts) takes an answer for a request; absent when the site runs without it. */
function answerReplacer(): ReplaceAnswer | undefined {
  return (globalThis as Record<symbol, unknown>)[Symbol.for('sesame.replace-answer')] as ReplaceAnswer | undefined;
}

/**
 * When a page failed because the database is out of reach, leaves the "unavailable" page (503)
 * in the address's language as the request's answer. Next.js would otherwise send a 500 with
 * an empty document that only a script fills in.
 */
export function answerDatabaseOutage(error: unknown, request: { path: string; headers: Record<string, string | string[] | undefined> }): void {
  const replace = answerReplacer();
  if (!replace || !isDatabaseUnreachable(error)) return;
  replace(request.headers, unavailableAnswer(toLocale(request.path.split(/[/?#]/)[1]), requestIdOf(request.headers)));
}

/** The "unavailable" page (503) in that language, asking to try again shortly; with the request's id to quote. */
export function unavailableAnswer(locale: AppLocale, requestId: string | null = null): ReplacementAnswer {
  const nonce = randomBytes(16).toString('base64');
  return {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(RETRY_AFTER_SECONDS),
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    },
    body: renderUnavailablePage(locale, nonce, requestId),
  };
}

/**
 * A route handler that answers people's browsers (not the JSON API): Next.js's error hook
 * cannot replace a route's answer, so the route answers "unavailable" itself, in the language
 * `localeOf` reads from the request, when the database is out of reach.
 */
export function answeringOutages<Incoming extends Request>(localeOf: (request: Incoming) => AppLocale, handler: (request: Incoming) => Promise<Response>) {
  return async (request: Incoming): Promise<Response> => {
    try {
      return await handler(request);
    } catch (error) {
      // Everything else, Next.js's redirects included, goes on as thrown.
      if (!isDatabaseUnreachable(error)) throw error;
      const { status, headers, body } = unavailableAnswer(localeOf(request), requestIdOf(request.headers));
      return new Response(body, { status, headers });
    }
  };
}
