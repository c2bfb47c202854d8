import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Readiness } from '@/lib/observability/health';
import { logger } from '@/lib/observability/logger';
import { bearerMatches, metricsText } from '@/lib/observability/metrics-endpoint';
import { pathnameOf } from './observe-requests';

// The answers for machines, given before Next.js sees the request: no proxy, no locale, no page,
// no per-address limit, and never cached.

function send(response: ServerResponse, status: number, body: string, contentType = 'application/json') {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}

/** /healthz: the process answers. It asks nothing of the database: a database outage is not cured by a restart. */
export function answerHealth(response: ServerResponse): void {
  send(response, 200, JSON.stringify({ status: 'ok' }));
}

/** /readyz: 200 when this instance can serve people now, 503 (with which check failed) when not, or while it stops. */
export async function answerReadiness(response: ServerResponse, check: () => Promise<Readiness>, stopping: boolean): Promise<void> {
  if (stopping) return send(response, 503, JSON.stringify({ status: 'stopping' }));
  const readiness = await check();
  send(response, readiness.ready ? 200 : 503, JSON.stringify({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks }));
}

/** /metrics in Prometheus's text format; on the site's port only for the bearer of `token`. */
export async function answerMetrics(request: IncomingMessage, response: ServerResponse, token?: string): Promise<void> {
  if (token !== undefined && !bearerMatches(request, token)) {
    response.setHeader('www-authenticate', 'Bearer');
    return send(response, 401, JSON.stringify({ status: 'unauthorized' }));
  }
  try {
    const { contentType, body } = await metricsText();
    send(response, 200, body, contentType);
  } catch (error) {
    logger.error({ err: error }, 'metrics could not be collected');
    send(response, 500, JSON.stringify({ status: 'error' }));
  }
}

/** Prometheus on a port of its own, for a network only the scraper reaches. */
export function startMetricsServer(port: number, host?: string): Server {
  return createServer((request, response) => {
    if (pathnameOf(request.url) === '/metrics') return void answerMetrics(request, response);
    send(response, 404, JSON.stringify({ status: 'not found' }));
  }).listen(port, host);
}
