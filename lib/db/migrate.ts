import 'server-only';
import path from 'node:path';
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
