import 'server-only';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DbHandle } from './client';
import { connectionClosed, queryAnswered, queryFailed, watchPool } from './pool-health';
import * as schema from './schema';
import { isDatabaseUnreachable } from './unreachable';

const OPTIONS = {
  onnotice: () => {},
  // postgres.js waits longer after each failed connection, up to 20 s: after a restart of the
  // database the site would stay down that long. A second at most, with jitter so instances do
  // not knock all at once; and a database that does not answer at all is given up on in
  // seconds, so pages say "unavailable" instead of hanging.
  backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
  connect_timeout: 5,
};
const RELISTEN_EVERY_MS = 2_000;

interface Listener {
  channel: string;
  onNotify: () => void;
  subscription?: { unlisten(): Promise<void> };
}

/**
 * The PostgreSQL pool, replaced by a new one whenever a transaction loses its connection.
 * postgres.js 3.4.9 answers a transaction whose connection died with a ROLLBACK on that dead
 * connection; the ROLLBACK stays in the slot's write buffer and the slot never connects again
 * (porsager/postgres#1208): each dropped connection mid-transaction would take one of the ten
 * slots for good. Callers ask `db()` for every query, so they move to the new pool at once;
 * the old one finishes what it is doing, and LISTEN moves with the pool.
 */
export interface PoolSettings {
  /** Connections at most (DATABASE_POOL_SIZE). */
  max: number;
  /** PostgreSQL cancels a statement running longer (DATABASE_STATEMENT_TIMEOUT_MS); 0 for never. */
  statementTimeoutMs: number;
  /** The site's own pool, whose health the proxy reads (lib/db/pool-health.ts). */
  reportsHealth?: boolean;
}

export function openPostgresPool(databaseUrl: string, settings: PoolSettings = { max: 10, statementTimeoutMs: 0 }): DbHandle {
  const listeners = new Set<Listener>();
  // Queries and transactions under way: postgres.js keeps its pool's state to itself, so what
  // the metrics call in use and waiting is counted here, as operations beyond one a connection;
  // the site's pool also reports how each ended (lib/db/pool-health.ts).
  let inFlight = 0;
  const counted = <T extends PromiseLike<unknown>>(operation: T): T => {
    inFlight += 1;
    operation.then(
      () => {
        inFlight -= 1;
        if (settings.reportsHealth) queryAnswered();
      },
      (error: unknown) => {
        inFlight -= 1;
        if (settings.reportsHealth) queryFailed(error);
      },
    );
    return operation;
  };
  // The health probe's query, on the current pool and left out of what queries report: the probe
  // reports its own outcome.
  let selectOne!: () => Promise<unknown>;
  let client = connect();
  let closed = false;
  // Asked twice: the first may meet a connection that died with the database's restart, not
  // yet seen closed; the second opens a new one.
  if (settings.reportsHealth) watchPool(() => selectOne().catch(() => selectOne()));

  function connect() {
    const fresh = postgres(databaseUrl, {
      ...OPTIONS,
      max: settings.max,
      ...(settings.reportsHealth ? { onclose: connectionClosed } : {}),
      ...(settings.statementTimeoutMs > 0 ? { connection: { statement_timeout: settings.statementTimeoutMs } } : {}),
    });
    const begin = fresh.begin.bind(fresh) as (...args: unknown[]) => Promise<unknown>;
    const watchedBegin = (...args: unknown[]) =>
      counted(
        begin(...args).catch((error: unknown) => {
          // Once per pool, however many of its transactions fail together.
          if (fresh === client && isDatabaseUnreachable(error)) replace();
          throw error;
        }),
      );
    const unsafe = fresh.unsafe.bind(fresh);
    selectOne = () => unsafe('select 1');
    // A query runs once awaited; its modifiers (`.values()`) are set in the same turn, before it starts.
    const countedUnsafe = (...args: Parameters<typeof unsafe>) => counted(unsafe(...args));
    return Object.assign(fresh, { begin: watchedBegin as typeof fresh.begin, unsafe: countedUnsafe as typeof fresh.unsafe });
  }

  function listenOn(pool: postgres.Sql, listener: Listener) {
    pool.listen(listener.channel, listener.onNotify).then(
      (subscription) => {
        if (pool === client && listeners.has(listener)) listener.subscription = subscription;
        else void subscription.unlisten().catch(() => {});
      },
      () => {
        if (pool === client && !closed) setTimeout(() => listenOn(pool, listener), RELISTEN_EVERY_MS).unref();
      },
    );
  }

  function replace() {
    if (closed) return;
    const old = client;
    client = connect();
    handle.db = drizzle({ client, schema });
    for (const listener of listeners) {
      listener.subscription = undefined;
      listenOn(client, listener);
    }
    void old.end({ timeout: 5 }).catch(() => {});
  }

  const handle: DbHandle = {
    db: drizzle({ client, schema }),
    kind: 'postgres',
    client: () => client,
    async listen(channel, onNotify) {
      const listener: Listener = { channel, onNotify, subscription: await client.listen(channel, onNotify) };
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.subscription?.unlisten();
      };
    },
    async withClusterLock(key, work) {
      // A session lock on a connection of its own, held while `work` runs on the pool: unlike a
      // transaction's lock, it holds back no vacuum, and it ends with the connection if this
      // process dies.
      const connection = await client.reserve();
      try {
        const [row] = await connection`select pg_try_advisory_lock(${key}::bigint) as locked`;
        if (!row?.locked) return undefined;
        try {
          return await work();
        } finally {
          await connection`select pg_advisory_unlock(${key}::bigint)`;
        }
      } finally {
        connection.release();
      }
    },
    async close() {
      closed = true;
      await client.end({ timeout: 5 });
    },
    poolUse() {
      return { size: settings.max, inUse: Math.min(inFlight, settings.max), waiting: Math.max(0, inFlight - settings.max) };
    },
  };
  return handle;
}
