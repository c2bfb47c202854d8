import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';

type Row = Record<string, unknown>;
const rows = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/** One migration file, in one transaction, as drizzle's migrator applies it. */
async function apply(file: string) {
  const statements = readFileSync(`drizzle/${file}`, 'utf8').split('--> statement-breakpoint');
  await db().transaction(async (tx) => {
    for (const statement of statements) if (statement.trim()) await tx.execute(sql.raw(statement));
  });
}

const migrations = readdirSync('drizzle').filter((file) => file.endsWith('.sql')).sort();
const MOVE = '0016_one_job_queue.sql';

// A database as a deployment of the build before it has one: its schema without the migration
// that moved the two queues into the jobs table.
beforeAll(async () => {
  await db().execute(sql`drop schema if exists drizzle cascade`);
  await db().execute(sql`drop schema public cascade`);
  await db().execute(sql`create schema public`);
  for (const file of migrations.slice(0, migrations.indexOf(MOVE))) await apply(file);
});

describe('the migration to one job queue', () => {
  it('keeps what was waiting in the outbox and the emailed-link requests, with its tries and its turn', async () => {
    await db().execute(sql`insert into email_outbox (id, recipient, locale, template, status, attempts, next_attempt_at)
      values ('00000000-0000-4000-8000-000000000001', 'waiting@example.com', 'fr', 'accountLocked', 'pending', 2, now() + interval '5 minutes'),
             ('00000000-0000-4000-8000-000000000002', 'sent@example.com', 'en', 'accountLocked', 'sent', 1, now()),
             ('00000000-0000-4000-8000-000000000003', 'failed@example.com', 'en', 'accountLocked', 'failed', 5, now())`);
    await db().execute(sql`insert into recovery_requests (kind, sealed_subject, locale, ip, attempts, created_at)
      values ('magic_link', 'sealed', 'fr', '198.51.100.9', 1, now() - interval '2 minutes')`);

    await apply(MOVE);

    const moved = rows(
      await db().execute(sql`select queue, payload, idempotency_key as key, attempts, status, run_at > now() as later, created_at < now() - interval '1 minute' as earlier
        from jobs order by queue`),
    );
    expect(moved).toEqual([
      {
        queue: 'email.deliver',
        payload: { emailId: '00000000-0000-4000-8000-000000000001' },
        key: 'email.deliver:00000000-0000-4000-8000-000000000001',
        attempts: 2,
        status: 'queued',
        later: true,
        earlier: false,
      },
      {
        queue: 'recovery.request',
        payload: { kind: 'magic_link', sealedSubject: 'sealed', locale: 'fr', ip: '198.51.100.9' },
        key: null,
        attempts: 1,
        status: 'queued',
        later: false,
        earlier: true,
      },
    ]);
    const [gone] = rows(await db().execute(sql`select to_regclass('recovery_requests') is null as gone`));
    expect(gone).toEqual({ gone: true });
  });
});
