import { isDatabaseUnreachable } from './unreachable';

/**
 * Whether the site's database answers, as its pool last saw it. The proxy (proxy.ts) reads it
 * before each page, and while the database is out of reach answers "unavailable" itself
 * instead of letting the page fail.
 *
 * - up: the last query, or probe, was answered.
 * - unsure: a connection closed since (a restart, a cut, the end of its lifetime). The next page
 *   waits for a probe, which opens the connection its own queries would have opened.
 * - down: a query or probe found the database out of reach. Pages are answered "unavailable";
 *   a page's request probes again, once a second at most after a probe that failed, and the
 *   first answer brings it back. A query that fails after a probe succeeded (one still running
 *   on a connection that died) is probed again at once.
 */
type State = 'up' | 'unsure' | 'down';

interface PoolHealth {
  state: State;
  probe?: () => Promise<unknown>;
  probing?: Promise<void>;
  probeFailedAt: number;
}

const REPROBE_AFTER_MS = 1_000;

/**
 * A slot of the process rather than of this module: the pool reports from the server's own
 * compiled copy of lib/ or from a page's chunk, the proxy reads from its own bundle, and all
 * of them must see the one state.
 */
const HEALTH = Symbol.for('sesame.pool-health');
function health(): PoolHealth {
  const slot = globalThis as { [HEALTH]?: PoolHealth };
  slot[HEALTH] ??= { state: 'up', probeFailedAt: 0 };
  return slot[HEALTH];
}

/** For the site's pool (lib/db/postgres-pool.ts): how to ask the database whether it answers. */
export function watchPool(probe: () => Promise<unknown>): void {
  Object.assign(health(), { state: 'up', probe, probing: undefined, probeFailedAt: 0 } satisfies PoolHealth);
}

/** A query of the site's pool was answered. */
export function queryAnswered(): void {
  health().state = 'up';
}

/** A query of the site's pool failed: if the database is out of reach, pages say so from now on. */
export function queryFailed(error: unknown): void {
  if (isDatabaseUnreachable(error)) health().state = 'down';
}

/** A connection of the site's pool closed: the database may have gone with it. */
export function connectionClosed(): void {
  const current = health();
  if (current.state === 'up') current.state = 'unsure';
}

/** Whether a page may go ahead: false while the database is out of reach. */
export async function databaseAnswers(): Promise<boolean> {
  const current = health();
  if (current.state === 'up' || !current.probe) return true;
  if (current.state === 'down' && (current.probing || Date.now() - current.probeFailedAt < REPROBE_AFTER_MS)) return false;
  current.probing ??= current.probe().then(queryAnswered, queryFailed).finally(() => {
    current.probing = undefined;
    current.probeFailedAt = current.state === 'down' ? Date.now() : 0;
  });
  await current.probing;
  return current.state !== 'down';
}
