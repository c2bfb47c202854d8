import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, getDbHandle, type DbHandle } from '@/lib/db/client';
import { messagesFor } from '@/lib/messages/message-source';
import { readinessCheck } from '@/lib/observability/health';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

describe('readiness (/readyz)', () => {
  it('is ready once the database answers, its schema is current and the catalogue is loaded', async () => {
    const check = readinessCheck(getDbHandle);
    await messagesFor('en');
    expect(await check()).toEqual({ ready: true, checks: { database: 'ok', schema: 'current', messages: 'loaded' } });
  });

  it('is not ready, within its timeout, when the database does not answer', async () => {
    const silent: DbHandle = { ...getDbHandle(), db: { execute: () => new Promise(() => {}) } as unknown as DbHandle['db'] };
    const started = Date.now();
    const readiness = await readinessCheck(() => silent, 200)();
    expect(readiness).toEqual({ ready: false, checks: { database: 'unreachable', schema: 'unknown', messages: 'loaded' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is not ready while the schema is behind this build', async () => {
    await db().execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    expect((await readinessCheck(getDbHandle)()).checks.schema).toBe('behind');
  });
});
