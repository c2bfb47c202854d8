/**
 * The HTTP server in front of Next.js: `npm start` and the image run its compiled form
 * (dist/server.mjs, made by `npm run build`), `npm run dev` this file.
 *
 * Next.js 16 gives a page no way to read the socket's address, so this server records it on
 * every request through lib/network/peer-header.ts, the one thing it hands to the pages;
 * lib/network/request-address.ts believes X-Forwarded-For only as far as TRUSTED_PROXIES says.
 * It also gives each request its id and log line, answers the health and metrics probes, and
 * on SIGTERM lets the requests in flight finish before it stops.
 *
 * The embedded demo listens on 127.0.0.1 unless HOST says otherwise: its development mailbox
 * shows reset links, and only this machine may see them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import nextEnv from '@next/env';
import next from 'next';
import { getDbHandle } from '@/lib/db/client';
import { env, productionProblems } from '@/lib/env';
import { observeRequests, pathnameOf } from '@/lib/http-server/observe-requests';
import { pageCache } from '@/lib/http-server/page-cache';
import { answerHealth, answerMetrics, answerReadiness, startMetricsServer } from '@/lib/http-server/probes';
import { requestsInFlight } from '@/lib/http-server/requests-in-flight';
import { readinessCheck } from '@/lib/observability/health';
import { startRecordingPeers } from '@/lib/network/peer-header';
import { logger, routeConsoleToLogger } from '@/lib/observability/logger';
import { registerScrapeMetrics } from '@/lib/observability/metrics-endpoint';
import { routeNamerFor } from '@/lib/observability/route-names';
import { stopTracing } from '@/lib/observability/tracing';
import { startServices, type RunningServices } from '@/lib/server-start';

// Without a trusted proxy these come from the client: Next.js must not build URLs from them.
const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto'];
const PROBES = ['/healthz', '/readyz', '/metrics'];

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');

function refuse(reason: string): never {
  logger.fatal(`Sésame cannot start: ${reason}`);
  process.exit(1);
}

// The same .env files Next.js reads, loaded first: they may set the port, the host or the database.
nextEnv.loadEnvConfig(root, dev);
// Read as the operator set them, before NODE_ENV is set for Next.js below.
const problems = productionProblems(process.env);
if (problems.length > 0) refuse(problems.join('\n'));
// As `next start` and `next dev` do.
Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}
if (!dev) routeConsoleToLogger();

const port = config.PORT;
const host = config.HOST ?? (config.embedded ? '127.0.0.1' : undefined);
const trustsProxies = !['', '0'].includes((process.env.TRUSTED_PROXIES ?? '').trim());

const recordPeer = startRecordingPeers();

let services: RunningServices;
try {
  services = await startServices();
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}

// The configuration the build was made with (what the image has instead of next.config.mjs).
const builtConfig = path.join(root, '.next/required-server-files.json');
if (!dev && existsSync(builtConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(readFileSync(builtConfig, 'utf8')).config);
}

const readiness = readinessCheck(getDbHandle);
const metricsToken = config.METRICS_PORT ? undefined : config.METRICS_TOKEN;
const observe = observeRequests({ nameRoute: routeNamerFor(root, PROBES), trustsProxies });
if (config.METRICS_PORT || config.METRICS_TOKEN) registerScrapeMetrics();
// The public pages a visitor without a session opens, kept as rendered (lib/http-server/page-cache.ts);
// not in development, where every change to the code must show.
const pages = dev ? undefined : pageCache();

const server = createServer((request, response) => {
  recordPeer(request.headers, request.socket.remoteAddress);
  if (!trustsProxies) for (const name of FORWARDED_HEADERS) delete request.headers[name];
  inFlight.track(response);
  const { id } = observe(request, response);
  const pathname = pathnameOf(request.url);
  if (pathname === '/healthz') return answerHealth(response);
  if (pathname === '/readyz') return void answerReadiness(response, readiness, inFlight.draining);
  if (pathname === '/metrics' && metricsToken) return void answerMetrics(request, response, metricsToken);
  if (pages?.serve(request, response, id)) return;
  void handle(request, response);
});
const inFlight = requestsInFlight(server);
const app = next({ dev, dir: root, port, hostname: host ?? 'localhost', httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on('error', (error) => refuse(`cannot listen on ${host ?? 'every interface'}, port ${port}: ${error.message}`));
server.listen(port, host, () => {
  const everywhere = !host || host === '0.0.0.0' || host === '::';
  const local = ['127.0.0.1', '::1', 'localhost'].includes(host ?? '');
  const address = everywhere || local ? 'localhost' : host;
  logger.info(`Sésame is listening on ${everywhere ? 'every network interface' : host}, port ${port}: http://${address}:${port}`);
  if (config.embedded) {
    logger.info(
      local
        ? 'Embedded demo: only this machine can reach it (set HOST=0.0.0.0 to open it to the network).'
        : 'Embedded demo open to the network: anyone who reaches it can use the demo accounts.',
    );
    logger.info('The development mailbox (/en/dev/mailbox) answers only requests from this machine.');
  }
});

const metricsServer = config.METRICS_PORT ? startMetricsServer(config.METRICS_PORT, host) : undefined;

/**
 * SIGTERM (an orchestrator stopping this instance) or Ctrl-C: no new connections; the requests in
 * flight finish, for up to SHUTDOWN_GRACE_SECONDS; the job runners finish the email or chunk
 * under way; then LISTEN, the pool and the traces are closed, and the process exits with 0.
 */
async function shutdown(signal: string) {
  logger.info({ signal, inFlight: inFlight.count }, 'stopping: no new connections, letting requests in flight finish');
  const cutOff = await inFlight.drain(config.SHUTDOWN_GRACE_SECONDS * 1000);
  if (cutOff > 0) logger.warn({ cutOff }, `requests still running after ${config.SHUTDOWN_GRACE_SECONDS} s were cut off`);
  try {
    await services.stop();
    await app.close();
    await stopTracing();
  } catch (error) {
    logger.error({ err: error }, 'stopping did not finish cleanly');
  }
  metricsServer?.close();
  logger.info('stopped');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
