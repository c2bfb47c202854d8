/**
 * Next.js runs `register` once before serving. The server in front of Next.js (scripts/server.ts)
 * prepares everything else (migrations, the job runners that send emails and prune) before it calls
 * Next.js; here only tracing starts, so that Next.js's own spans are recorded from the first
 * request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { peerHeader } = await import('./lib/network/peer-header');
  if (!peerHeader()) {
    const { logger } = await import('./lib/observability/logger');
    logger.warn(
      'Started without Sésame\'s server (npm start, or node dist/server.mjs): no migrations, no job runners (no email), ' +
        'no health endpoints, and client addresses are unknown (no per-address sign-in limit, the development mailbox is closed).',
    );
  }
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { startTracing } = await import('./lib/observability/tracing');
  await startTracing();
}

/**
 * Every failed request is logged with its id. While the database is out of reach the proxy
 * answers pages "unavailable" before they run (lib/db/pool-health.ts), and route handlers
 * answer their own errors.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routeType: string; routePath: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { requestLogger } = await import('./lib/observability/logger');
  requestLogger(request.headers).error({ err: error, route: context.routePath, routeType: context.routeType }, 'request failed');
}
