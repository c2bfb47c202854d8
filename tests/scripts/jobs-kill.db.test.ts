import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startBulkJob } from '@/lib/admin/bulk-users';
import { db } from '@/lib/db/client';
import { findJob } from '@/lib/db/jobs';
import { auditEvents, emailOutbox, users } from '@/lib/db/schema';
import { findOrCreateTeam } from '@/lib/db/teams';
import { findUserById } from '@/lib/db/users';
import { withMigratedDatabase } from '../helpers/database';
import { startScript } from '../helpers/scripts';
import { makeUser } from '../helpers/users';

withMigratedDatabase();

const ACCOUNTS = 1500;

// Two processes on one database: PostgreSQL only (the embedded database is one process's).
describe.skipIf(!process.env.DATABASE_URL)('a job whose instance is killed', () => {
  const workers: Array<ReturnType<typeof startScript>> = [];
  afterAll(() => {
    for (const worker of workers) worker.child.kill('SIGKILL');
  });

  it('finishes once on another instance: every account handled exactly once', async () => {
    const teamId = await findOrCreateTeam('Killed', db());
    await db().execute(sql`insert into ${users} (email, name, role, team_id, state, locale, activated_at)
      select 'killed.' || n || '@example.com', 'Person ' || n, 'user', ${teamId}, 'active', 'en', now() from generate_series(1, ${ACCOUNTS}) as n`);
    const admin = (await findUserById((await makeUser({ role: 'admin' })).id))!;
    const jobId = (await startBulkJob(admin, 'deactivate', { teamId }, { ip: null }))!;

    const env = { ...process.env, EMAIL_TRANSPORT: 'log', JOB_LEASE_SECONDS: '2', JOB_POLL_SECONDS: '1' };
    workers.push(startScript('worker', env), startScript('worker', env));

    // Whichever worker took the job is killed mid-job, without a chance to hand it back.
    await expect.poll(async () => (await findJob(jobId))?.processed ?? 0, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(200);
    const claimed = await findJob(jobId);
    expect(claimed?.status).toBe('running');
    expect(claimed!.processed).toBeLessThan(ACCOUNTS);
    const pid = Number(claimed!.lockedBy!.split(':')[1]);
    const victim = workers.find((worker) => worker.child.pid === pid)!;
    const survivor = workers.find((worker) => worker !== victim)!;
    victim.child.kill('SIGKILL');

    await expect.poll(async () => (await findJob(jobId))?.status, { timeout: 60_000, interval: 200 }).toBe('done');
    const done = (await findJob(jobId))!;
    expect(done.lockedBy?.split(':')[1]).toBe(String(survivor.child.pid));
    expect(done).toMatchObject({ processed: ACCOUNTS, failed: 0, result: { changed: ACCOUNTS, skipped: 0, failed: 0 } });

    const [{ deactivated }] = (await db()
      .select({ deactivated: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.teamId, teamId), eq(users.state, 'deactivated')))) as [{ deactivated: number }];
    expect(deactivated).toBe(ACCOUNTS);
    const perAccount = await db()
      .select({ count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'admin.deactivated'), sql`${auditEvents.detail}->>'job' = ${jobId}`))
      .groupBy(auditEvents.targetUserId);
    expect(perAccount).toHaveLength(ACCOUNTS);
    expect(perAccount.every((row) => row.count === 1)).toBe(true);
    const [{ emails }] = (await db()
      .select({ emails: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(sql`${emailOutbox.recipient} like 'killed.%'`)) as [{ emails: number }];
    expect(emails).toBe(ACCOUNTS);
    const finished = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'admin.job_finished'), sql`${auditEvents.detail}->>'job' = ${jobId}`));
    expect(finished).toHaveLength(1);
  }, 180_000);
});
