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
 *   once a second at most, a page's request probes again, and the first answer brings it back.
 */
type State = 'up' | 'unsure' | 'down';

interface PoolHealth {
  state: State;
  probe?: () => Promise<unknown>;
  probing?: Promise<void>;
  probedAt: number;
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
  slot[HEALTH] ??= { state: 'up', probedAt: 0 };
  return slot[HEALTH];
}

/** For the site's pool (lib/db/postgres-pool.ts): how to ask the database whether it answers. */
export function watchPool(probe: () => Promise<unknown>): void {
  Object.assign(health(), { state: 'up', probe, probing: undefined, probedAt: 0 } satisfies PoolHealth);
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
  if (current.state === 'down' && (current.probing || Date.now() - current.probedAt < REPROBE_AFTER_MS)) return false;
  current.probing ??= current.probe().then(queryAnswered, queryFailed).finally(() => {
    current.probing = undefined;
    current.probedAt = Date.now();
  });
  await current.probing;
  return current.state !== 'down';
}
