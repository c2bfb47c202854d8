import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/db/client';
import { databaseAnswers } from '@/lib/db/pool-health';
import { startDatabaseCut } from '../../helpers/database-cut';

// Only on PostgreSQL: what the proxy reads before each page (proxy.ts), as the site's pool sees
// its database go away behind a relay the test cuts, and come back.
const databaseUrl = process.env.SESAME_TEST_SERVER_URL ? process.env.DATABASE_URL : undefined;

describe.skipIf(!databaseUrl)('the site pool\'s health', () => {
  let cut: Awaited<ReturnType<typeof startDatabaseCut>>;
  let handle: DbHandle;
  const query = () => handle.db.execute(sql`select 1`);

  beforeAll(async () => {
    const url = new URL(databaseUrl!);
    cut = await startDatabaseCut({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(cut.port);
    handle = openDatabase({ databaseUrl: url.toString(), dataDir: '', pool: { max: 2, statementTimeoutMs: 0, reportsHealth: true } });
  });

  afterAll(async () => {
    await handle?.close();
    await cut?.close();
  });

  it('says the database answers while its queries are answered', async () => {
    await query();
    expect(await databaseAnswers()).toBe(true);
  });

  it('says it does not from the first page after its connections dropped, before any query failed', async () => {
    await query();
    await cut.cut();
    // The connections' end reaches the pool before the next request does.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await databaseAnswers()).toBe(false);
    await cut.restore();
    await expect.poll(databaseAnswers, { timeout: 5_000, interval: 100 }).toBe(true);
  });

  it('says it does not once a query found it out of reach, and answers again within seconds once it is back', async () => {
    await query();
    await cut.cut();
    await expect(query()).rejects.toThrow();
    expect(await databaseAnswers()).toBe(false);
    await cut.restore();
    const back = Date.now();
    await expect.poll(databaseAnswers, { timeout: 5_000, interval: 100 }).toBe(true);
    expect(Date.now() - back).toBeLessThan(3_000);
    await query();
    expect(await databaseAnswers()).toBe(true);
  });

  it('says it answers again as soon as any query is answered', async () => {
    await cut.cut();
    await expect(query()).rejects.toThrow();
    await cut.restore();
    await expect.poll(async () => query().then(() => true, () => false), { timeout: 5_000, interval: 100 }).toBe(true);
    expect(await databaseAnswers()).toBe(true);
  });
});
