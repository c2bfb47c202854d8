import 'server-only';
import { randomBytes } from 'node:crypto';
import { isDatabaseUnreachable } from '@/lib/db/unreachable';
import { toLocale } from '@/lib/i18n/locale';
import { renderUnavailablePage } from './error-page';

/** What scripts/server.mjs sends instead of a page whose rendering failed. */
export interface ReplacementAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How long a visitor is asked to wait before trying again, in seconds. */
const RETRY_AFTER_SECONDS = 30;

type ReplaceAnswer = (headers: Record<string, string | string[] | undefined>, answer: ReplacementAnswer) => void;

/** How scripts/server.mjs takes an answer for a request; absent when the site runs without it. */
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
  const locale = toLocale(request.path.split(/[/?#]/)[1]);
  const nonce = randomBytes(16).toString('base64');
  replace(request.headers, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(RETRY_AFTER_SECONDS),
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    },
    body: renderUnavailablePage(locale, nonce),
  });
}
