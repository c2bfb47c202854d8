import 'server-only';

// Every answer of the API is JSON that no cache keeps: it describes accounts as they are now
// and is read with a secret.

/** The stable part is `code`; `message` is for the person reading a log. */
export type ApiErrorCode = 'missing_key' | 'invalid_key' | 'key_in_query' | 'forbidden' | 'invalid_request' | 'internal_error';

const statusOf: Record<ApiErrorCode, number> = {
  missing_key: 401,
  invalid_key: 401,
  key_in_query: 400,
  forbidden: 403,
  invalid_request: 400,
  internal_error: 500,
};

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { 'cache-control': 'no-store', ...init.headers } });
}

export function apiError(code: ApiErrorCode, message: string, details?: unknown): Response {
  const status = statusOf[code];
  // RFC 6750: a refused bearer credential says which scheme the API expects.
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': `Bearer realm="sesame"${code === 'invalid_key' ? ', error="invalid_token"' : ''}` } : {};
  return apiJson({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status, headers });
}
