/**
 * Errors that mean the database is out of reach (stopped, restarting, connections dropped),
 * as opposed to a query that failed: the first deserve "unavailable, try again in a minute".
 * Drizzle wraps the driver's error, so the whole chain of causes is read.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// postgres.js's own codes for a connection that went away or never came.
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
// SQLSTATE: connection exceptions (08…), shutdowns and restarts (57P01–57P03), too many clients.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATE.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** How long a visitor or an API client is asked to wait while the database is out of reach, in seconds. */
export const RETRY_AFTER_SECONDS = 30;
