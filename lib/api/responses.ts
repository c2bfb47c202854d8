import 'server-only';
import type { z } from 'zod';
import { RETRY_AFTER_SECONDS } from '@/lib/db/unreachable';
import type { apiErrorBody, ApiErrorCode, QueryIssue } from './schemas';

// Every answer of the API is JSON that no cache keeps: it describes accounts as they are now
// and is read with a secret.

const statusOf: Record<ApiErrorCode, number> = {
  missing_key: 401,
  invalid_key: 401,
  key_in_query: 400,
  forbidden: 403,
  two_step_required: 403,
  invalid_request: 400,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { 'cache-control': 'no-store', ...init.headers } });
}

export function apiError(code: ApiErrorCode, message: string, details?: QueryIssue[], retryAfterSeconds?: number): Response {
  const status = statusOf[code];
  // RFC 6750: a refused bearer credential says which scheme the API expects.
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': `Bearer realm="sesame"${code === 'invalid_key' ? ', error="invalid_token"' : ''}` } : {};
  // A client that retries on its own learns when to.
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  const body: z.output<typeof apiErrorBody> = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return apiJson(body, { status, headers });
}
