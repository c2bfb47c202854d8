import 'server-only';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { env } from '@/lib/env';
import { openPostgresPool, type PoolSettings } from './postgres-pool';
import * as schema from './schema';

/**
 * Both drivers expose the same query builder; the Postgres type is used for both so that
 * `lib/` code is written once.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The driver `db` runs on now (a pool is replaced after an outage). */
  client(): postgres.Sql | PGlite;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * Runs `work` unless another process holds the advisory lock `key` (then: undefined), so that
   * instances sharing the database do it once between them.
   */
  withClusterLock<T>(key: number, work: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
  /** PostgreSQL only: connections busy and operations waiting for one. */
  poolUse?(): { size: number; inUse: number; waiting: number };
}

export const IN_MEMORY = 'memory://';

let inMemoryStart: (() => Blob) | undefined;

/**
 * What in-memory databases start from: a data directory dumped by PGlite (`dumpDataDir`). The
 * tests start every file from one migrated copy per run, which saves each file the cluster's
 * creation and every migration (seconds of CPU each).
 */
export function startInMemoryDatabasesFrom(dump: () => Blob): void {
  inMemoryStart = dump;
}

export function openDatabase(options: { databaseUrl?: string; dataDir: string; pool?: PoolSettings }): DbHandle {
  if (options.databaseUrl) return openPostgresPool(options.databaseUrl, options.pool);
  const inMemory = options.dataDir === IN_MEMORY;
  const releaseLock = inMemory ? () => {} : lockDataDir(options.dataDir);
  // pg_trgm serves the substring searches (drizzle/0012_trigram_search.sql), as on PostgreSQL.
  const pgliteOptions = { extensions: { pg_trgm } };
  const client = inMemory
    ? new PGlite({ ...pgliteOptions, loadDataDir: inMemoryStart?.() })
    : new PGlite(path.join(options.dataDir, 'pglite'), pgliteOptions);
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: 'pglite',
    client: () => client,
    async listen(channel, onNotify) {
      return client.listen(channel, onNotify);
    },
    // One process holds the embedded database (the data directory's lock): nobody to exclude.
    withClusterLock: (_key, work) => work(),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is a single-process database: a second process opening the same directory would
 * corrupt it. The lock names the owner so the message can say what to do.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'db.lock');
  const owner = readLockOwner(lockFile);
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${owner} (probably the running site). ` +
        'Stop it first, or set DATABASE_URL to use PostgreSQL.',
    );
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (readLockOwner(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  return release;
}

function readLockOwner(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const holder = globalThis as unknown as { sesameDb?: DbHandle };

/** The process-wide connection, opened on first use (never at build time). */
export function getDbHandle(): DbHandle {
  if (!holder.sesameDb) {
    const { DATABASE_URL, DATA_DIR, DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS } = env();
    holder.sesameDb = openDatabase({
      databaseUrl: DATABASE_URL,
      dataDir: DATA_DIR,
      pool: { max: DATABASE_POOL_SIZE, statementTimeoutMs: DATABASE_STATEMENT_TIMEOUT_MS, reportsHealth: true },
    });
  }
  return holder.sesameDb;
}

// Each bundle that reads the database (the site's, and the custom server's that opens the pool
// and runs the jobs) gets a Drizzle of its own copy over the one pool. Run by another copy, a
// query's every part fails instanceof and is recognised by walking its prototypes (drizzle's
// is() slow path), which a sign-in's profile showed within Drizzle's 7 % of its CPU.
let own: { client: postgres.Sql | PGlite; db: Db } | undefined;

export function db(): Db {
  const handle = getDbHandle();
  const client = handle.client();
  if (own?.client !== client) {
    own = {
      client,
      db: handle.kind === 'pglite' ? (drizzlePglite({ client: client as PGlite, schema }) as unknown as Db) : drizzlePostgres({ client: client as postgres.Sql, schema }),
    };
  }
  return own.db;
}

export async function closeDb(): Promise<void> {
  const handle = holder.sesameDb;
  holder.sesameDb = undefined;
  await handle?.close();
}
