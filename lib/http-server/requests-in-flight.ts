import type { Server, ServerResponse } from 'node:http';
import { httpInFlight } from '@/lib/observability/metrics';

/**
 * The requests a server has received and not yet answered, so that a shutdown can let them
 * finish: once it begins, every answer asks its client to close the connection, and idle
 * connections are closed as they appear.
 */
export function requestsInFlight(server: Server) {
  let count = 0;
  let draining = false;
  return {
    /** Counts `response` until it is sent or its client goes away. */
    track(response: ServerResponse) {
      count += 1;
      httpInFlight.inc();
      if (draining) response.setHeader('connection', 'close');
      response.once('close', () => {
        count -= 1;
        httpInFlight.dec();
        if (draining) server.closeIdleConnections();
      });
    },
    get count() {
      return count;
    },
    get draining() {
      return draining;
    },
    /**
     * Stops accepting connections and waits, up to `graceMs`, for the requests in flight; then
     * closes whatever connections remain. Resolves with how many requests were cut off.
     */
    async drain(graceMs: number): Promise<number> {
      draining = true;
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (count > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        server.closeIdleConnections();
      }
      const cutOff = count;
      server.closeAllConnections();
      return cutOff;
    },
  };
}
