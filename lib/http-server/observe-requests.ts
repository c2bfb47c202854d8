import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedRequestId, logger, newRequestId, REQUEST_ID_HEADER } from '@/lib/observability/logger';
import { httpDuration, httpRequests } from '@/lib/observability/metrics';
import type { RouteNamer } from '@/lib/observability/route-names';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// Asked for all day long by machines and browsers: logged only at LOG_LEVEL=debug.
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics', '/_next/static', 'static file']);

export function pathnameOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0]!;
  return path.startsWith('/') ? path : '/';
}

/**
 * Gives each request its id — on the request for the pages (lib/observability/logger.ts reads
 * it), on the response for the client — and, once it is answered, one log line and its metrics:
 * route (never the address, which may hold a token), method, status and duration. A proxy in
 * front that the site trusts may hand on its own id.
 */
export function observeRequests(options: { nameRoute: RouteNamer; trustsProxies: boolean }) {
  return (request: IncomingMessage, response: ServerResponse): { id: string; route: string } => {
    const started = performance.now();
    const id = (options.trustsProxies && acceptedRequestId(request.headers[REQUEST_ID_HEADER])) || newRequestId();
    request.headers[REQUEST_ID_HEADER] = id;
    response.setHeader(REQUEST_ID_HEADER, id);
    const route = options.nameRoute(pathnameOf(request.url));
    const method = request.method && METHODS.has(request.method) ? request.method : 'other';
    response.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const status = response.statusCode;
      httpRequests.inc({ route, method, status: String(status) });
      httpDuration.observe({ route, method }, seconds);
      const line = { reqId: id, method, route, status, durationMs: Math.round(seconds * 1000), ...(response.writableFinished ? {} : { aborted: true }) };
      if (QUIET_ROUTES.has(route)) logger.debug(line, 'request');
      else logger[status >= 500 ? 'error' : 'info'](line, 'request');
    });
    return { id, route };
  };
}
