import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';

// Only on PostgreSQL: a connection dropped in the middle of a transaction, as a restart of the
// database or an administrator does it, must not cost the pool a connection for good.
const databaseUrl = process.env.SESAME_TEST_SERVER_URL ? process.env.DATABASE_URL : undefined;

describe.skipIf(!databaseUrl)('the PostgreSQL pool after a connection dropped mid-transaction', () => {
  const handle = databaseUrl ? openDatabase({ databaseUrl, dataDir: '' }) : undefined;
  const other = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : undefined;

  // postgres.js also throws a TypeError from a timer when it writes to the dropped connection
  // (porsager/postgres#1154), outside any call: the server logs it and carries on, as here.
  const driverCrashes: unknown[] = [];
  const vitestListeners = process.listeners('uncaughtException');
  const recordCrash = (error: unknown) => driverCrashes.push(error);

  beforeAll(() => {
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', recordCrash);
  });

  afterAll(async () => {
    await handle?.close();
    await other?.end();
    process.off('uncaughtException', recordCrash);
    for (const listener of vitestListeners) process.on('uncaughtException', listener);
    expect(driverCrashes.every((error) => error instanceof TypeError && /reading 'write'/.test(error.message))).toBe(true);
  });

  it('answers the next queries at once, however many times it happens', async () => {
    const database = () => handle!.db;
    await database().execute(sql`create table pool_probe (id int primary key)`);
    await database().execute(sql`insert into pool_probe values (1)`);
    for (let round = 0; round < 3; round += 1) {
      const holder = await other!.reserve();
      await holder`begin`;
      await holder`select id from pool_probe where id = 1 for update`;
      const transaction = database()
        .transaction(async (tx) => {
          await tx.execute(sql`update pool_probe set id = 1 where id = 1`);
        })
        .then(
          () => 'committed',
          () => 'failed',
        );
      const waiting = async () => {
        await holder`select pg_stat_clear_snapshot()`;
        return holder<Array<{ pid: number }>>`
          select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`;
      };
      await expect.poll(async () => (await waiting()).length).toBe(1);
      await holder`select pg_terminate_backend(${(await waiting())[0]!.pid})`;
      await holder`commit`;
      holder.release();
      expect(await transaction).toBe('failed');

      // Every connection of the pool gets its turn: none of them is left dead.
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 12 }, () => database().execute(sql`select 1 as one`)));
      expect(answers).toHaveLength(12);
      expect(Date.now() - started).toBeLessThan(3_000);
    }
  }, 60_000);
});
