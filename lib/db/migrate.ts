import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import type { DbHandle } from './client';

const migrationsFolder = path.join(process.cwd(), 'drizzle');
const MIGRATION_LOCK = 7351946201;

/**
 * Applies the committed SQL migrations. On PostgreSQL, instances starting at once wait for
 * each other on an advisory lock held by one dedicated connection.
 */
export async function applyMigrations(handle: DbHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === 'pglite' || !databaseUrl) {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * The migrations this build has that the database has not applied, oldest first. Drizzle
 * records each applied migration with its journal date and applies those dated after the last.
 */
export async function pendingMigrations(handle: DbHandle): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  const [table] = rowsOf<{ exists: boolean }>(await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`));
  let last = -Infinity;
  if (table?.exists) {
    const [applied] = rowsOf<{ last: string | null }>(await handle.db.execute(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`));
    if (applied?.last) last = Number(applied.last);
  }
  return journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
}

/** postgres.js answers a raw query with the rows, PGlite with an object holding them. */
function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

export class SchemaNotCurrentError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database schema is not current: migration ${pending.join(', ')} ${pending.length === 1 ? 'is' : 'are'} not applied. ` +
        'Run the migrations with a role that may change the schema (node dist/migrate.mjs, or npm run db:migrate), then start again.',
    );
  }
}

/** With MIGRATE_ON_START=false: the schema must already be the one this build expects. */
export async function requireCurrentSchema(handle: DbHandle): Promise<void> {
  const pending = await pendingMigrations(handle);
  if (pending.length > 0) throw new SchemaNotCurrentError(pending);
}
