import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getDbHandle } from '@/lib/db/client';
import { applyMigrations, pendingMigrations, requireCurrentSchema, SchemaNotCurrentError } from '@/lib/db/migrate';
import { env } from '@/lib/env';

const tags = (JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: Array<{ tag: string }> }).entries.map((entry) => entry.tag);

// Other files start from a migrated copy of the run's template: this one is about a database
// that has never seen a migration, as a new deployment's has.
beforeAll(async () => {
  await db().execute(sql`drop schema if exists drizzle cascade`);
  await db().execute(sql`drop schema public cascade`);
  await db().execute(sql`create schema public`);
});

describe('whether the schema is the one this build expects (MIGRATE_ON_START=false)', () => {
  it('names every migration of an empty database, then none once they are applied', async () => {
    expect(await pendingMigrations(getDbHandle())).toEqual(tags);
    await expect(requireCurrentSchema(getDbHandle())).rejects.toBeInstanceOf(SchemaNotCurrentError);
    await applyMigrations(getDbHandle(), env().DATABASE_URL);
    expect(await pendingMigrations(getDbHandle())).toEqual([]);
    await expect(requireCurrentSchema(getDbHandle())).resolves.toBeUndefined();
  });

  it('names the one migration a database behind this build lacks, and says how to apply it', async () => {
    await db().execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const last = tags.at(-1)!;
    expect(await pendingMigrations(getDbHandle())).toEqual([last]);
    const refusal = await requireCurrentSchema(getDbHandle()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SchemaNotCurrentError);
    expect((refusal as Error).message).toBe(
      `The database schema is not current: migration ${last} is not applied. ` +
        'Run the migrations with a role that may change the schema (node dist/migrate.mjs, or npm run db:migrate), then start again.',
    );
  });
});
