import 'server-only';
import { isDatabaseUnreachable } from '@/lib/db/unreachable';
import { requestLogger } from '@/lib/observability/logger';
import { authenticate, type ApiCaller } from './authenticate';
import { apiError } from './responses';

/**
 * A route of the API that needs a key: authentication comes first for every one of them. The
 * database out of reach answers 503; any other unexpected failure a bare 500 (logged by name
 * only: nothing a client sent reaches the log).
 */
export function keyRoute(name: string, handler: (request: Request, caller: ApiCaller) => Promise<Response>) {
  return async function GET(request: Request): Promise<Response> {
    try {
      const authenticated = await authenticate(request);
      if (!authenticated.ok) return authenticated.response;
      return await handler(request, authenticated.caller);
    } catch (error) {
      // Not the request's fault nor a lasting one: the client may try again shortly.
      if (isDatabaseUnreachable(error)) return apiError('unavailable', 'The service is briefly unavailable; try again shortly.');
      requestLogger(request.headers).error({ err: error, route: name }, 'API request failed');
      return apiError('internal_error', 'Something went wrong; try again.');
    }
  };
}
