import 'server-only';
import { randomBytes } from 'node:crypto';
import { isDatabaseUnreachable, RETRY_AFTER_SECONDS } from '@/lib/db/unreachable';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestIdOf } from '@/lib/observability/logger';
import { renderUnavailablePage } from './error-page';

/** The "unavailable" page (503) in that language, asking to try again shortly; with the request's id to quote. */
export function unavailableAnswer(locale: AppLocale, requestId: string | null = null): Response {
  const nonce = randomBytes(16).toString('base64');
  return new Response(renderUnavailablePage(locale, nonce, requestId), {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(RETRY_AFTER_SECONDS),
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    },
  });
}

/**
 * A route handler that answers people's browsers (not the JSON API), which the proxy does not
 * see: it answers "unavailable" itself, in the language `localeOf` reads from the request, when
 * the database is out of reach.
 */
export function answeringOutages<Incoming extends Request>(localeOf: (request: Incoming) => AppLocale, handler: (request: Incoming) => Promise<Response>) {
  return async (request: Incoming): Promise<Response> => {
    try {
      return await handler(request);
    } catch (error) {
      // Everything else, Next.js's redirects included, goes on as thrown.
      if (!isDatabaseUnreachable(error)) throw error;
      return unavailableAnswer(localeOf(request), requestIdOf(request.headers));
    }
  };
}
