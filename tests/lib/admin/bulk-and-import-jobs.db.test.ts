import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkUsersJob, countBulkTargets, startBulkJob } from '@/lib/admin/bulk-users';
import { importUsersJob, readCsvImport, startImportJob } from '@/lib/admin/import-users';
import { db } from '@/lib/db/client';
import { findJob, listJobProblems } from '@/lib/db/jobs';
import { auditEvents, emailOutbox, jobItems, users } from '@/lib/db/schema';
import { findOrCreateTeam } from '@/lib/db/teams';
import { findUserById, idsByEmail } from '@/lib/db/users';
import { startJobRunner, type JobRunner } from '@/lib/jobs/runner';
import type { Actor } from '@/lib/permissions/can';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.61' };
let runner: JobRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

async function actorOf(role: Actor['role'], team?: string): Promise<Actor> {
  const made = await makeUser({ role, team });
  const user = (await findUserById(made.id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

/** Many accounts at once, written straight to the table (creating each through argon2 would take minutes). */
async function seedAccounts(count: number, values: { prefix: string; team: string; role?: 'user' | 'manager' }) {
  const teamId = await findOrCreateTeam(values.team, db());
  await db().execute(sql`insert into ${users} (email, name, role, team_id, state, locale, activated_at)
    select ${values.prefix} || n || '@example.com', 'Person ' || n, ${values.role ?? 'user'}::role, ${teamId}, 'active', case when n % 2 = 0 then 'fr' else 'en' end::locale, now()
    from generate_series(1, ${count}) as n`);
  return teamId;
}

async function runUntilFinished(jobId: string) {
  runner ??= await startJobRunner({ definitions: [bulkUsersJob, importUsersJob], pollSeconds: 0.2 });
  await expect.poll(async () => (await findJob(jobId))?.status, { timeout: 60_000, interval: 200 }).toBe('done');
  return (await findJob(jobId))!;
}

describe('a bulk operation on a filter', () => {
  it("deactivates every account of a manager's filter in their reach, once each, with each account's own audit event and email", async () => {
    const team = `Bulk ${Date.now()}`;
    await seedAccounts(250, { prefix: 'bulk.member.', team });
    await seedAccounts(3, { prefix: 'bulk.fellow.', team, role: 'manager' });
    await seedAccounts(20, { prefix: 'bulk.outsider.', team: `${team} other` });
    const manager = await actorOf('manager', team);

    const filter = { search: 'bulk.' };
    expect(await countBulkTargets(manager, 'deactivate', filter)).toBe(250);
    const jobId = (await startBulkJob(manager, 'deactivate', filter, request))!;
    const job = await runUntilFinished(jobId);
    expect(job).toMatchObject({ total: 250, processed: 250, failed: 0, result: { changed: 250, skipped: 0, failed: 0 } });

    const states = await db()
      .select({ email: users.email, state: users.state })
      .from(users)
      .where(sql`${users.email} like 'bulk.%'`);
    for (const row of states) expect(row.state, row.email).toBe(row.email.startsWith('bulk.member.') ? 'deactivated' : 'active');

    const perAccount = await db()
      .select({ target: auditEvents.targetUserId, count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'admin.deactivated'), sql`${auditEvents.detail}->>'job' = ${jobId}`))
      .groupBy(auditEvents.targetUserId);
    expect(perAccount).toHaveLength(250);
    expect(perAccount.every((row) => row.count === 1)).toBe(true);

    const notices = await db()
      .select({ locale: emailOutbox.locale, recipient: emailOutbox.recipient })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, 'adminNotice'), sql`${emailOutbox.recipient} like 'bulk.member.%'`));
    expect(notices).toHaveLength(250);
    expect(notices.find((email) => email.recipient === 'bulk.member.2@example.com')?.locale).toBe('fr');
    expect(notices.find((email) => email.recipient === 'bulk.member.3@example.com')?.locale).toBe('en');

    const jobEvents = await db()
      .select({ event: auditEvents.event, detail: auditEvents.detail, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(inArray(auditEvents.event, ['admin.job_started', 'admin.job_finished']), sql`${auditEvents.detail}->>'job' = ${jobId}`));
    expect(jobEvents).toEqual([
      { event: 'admin.job_started', actor: manager.id, detail: { job: jobId, kind: 'bulk', operation: 'deactivate', total: 250 } },
      { event: 'admin.job_finished', actor: manager.id, detail: { job: jobId, kind: 'bulk', operation: 'deactivate', changed: 250, skipped: 0, failed: 0 } },
    ]);
  });

  it('is refused to a role without the right, and skips accounts that no longer need it', async () => {
    const team = `Bulk skip ${Date.now()}`;
    await seedAccounts(5, { prefix: 'skip.member.', team });
    const editor = await actorOf('editor');
    expect(await startBulkJob(editor, 'deactivate', {}, request)).toBeNull();

    const admin = await actorOf('admin');
    const teamId = (await db().select({ teamId: users.teamId }).from(users).where(eq(users.email, 'skip.member.1@example.com')))[0]!.teamId!;
    // Nobody in the team is locked: the unlock visits them all and changes none.
    const jobId = (await startBulkJob(admin, 'unlock', { teamId }, request))!;
    expect(await runUntilFinished(jobId)).toMatchObject({ total: 5, processed: 5, result: { changed: 0, skipped: 5 } });
  });
});

describe('an import', () => {
  it('creates the good rows once and reports the bad ones by their line, within the manager’s reach', async () => {
    const team = `Import ${Date.now()}`;
    const manager = await actorOf('manager', team);
    const csv = [
      'email,name,locale,role,team',
      'import.one@example.com,Ada One,fr,,',
      'not an address,Bad Email,en,,',
      '"import.two@example.com","Two, with a comma",en,user,',
      'import.three@example.com,Three,en,admin,',
      'import.four@example.com,Four,en,user,Elsewhere',
      '',
      'import.one@example.com,Duplicate,en,,',
    ].join('\r\n');
    const read = readCsvImport(csv);
    if (!read.ok) throw new Error(read.problem);
    const jobId = (await startImportJob(manager, read.rows, request))!;
    const job = await runUntilFinished(jobId);
    expect(job).toMatchObject({ total: 6, processed: 6, failed: 4, result: { created: 2 } });

    expect(await listJobProblems(jobId, 100)).toEqual([
      { line: 3, problems: [{ field: 'email', code: 'invalid' }] },
      { line: 5, problems: [{ field: 'role', code: 'notAllowed' }] },
      { line: 6, problems: [{ field: 'team', code: 'notAllowed' }] },
      { line: 8, problems: [{ field: 'email', code: 'taken' }] },
    ]);
    const created = await db()
      .select({ email: users.email, name: users.name, state: users.state, teamId: users.teamId, locale: users.locale })
      .from(users)
      .where(sql`${users.email} like 'import.%'`);
    expect(created).toHaveLength(2);
    expect(created.find((row) => row.email === 'import.two@example.com')).toMatchObject({ name: 'Two, with a comma', state: 'pending', teamId: manager.teamId });
    // Pending: each gets the welcome email, in its own language.
    const welcome = await db().select({ locale: emailOutbox.locale }).from(emailOutbox).where(eq(emailOutbox.recipient, 'import.one@example.com'));
    expect(welcome).toEqual([{ locale: 'fr' }]);
    // Nothing typed (passwords included) waits in the database once the rows are handled.
    expect(await db().select().from(jobItems).where(and(eq(jobItems.jobId, jobId), isNotNull(jobItems.input)))).toEqual([]);
  });

  it("finds the ids of more imported addresses than one statement takes (the command line prints them)", async () => {
    const made = await makeUser();
    const emails = [...Array.from({ length: 70_000 }, (_, index) => `absent.${index}@example.com`), made.email];
    expect(await idsByEmail(emails)).toEqual(new Map([[made.email, made.id]]));
  });

  it('tells what is wrong with a file before anything is queued', () => {
    expect(readCsvImport('email,name\n"unclosed,quote\n')).toEqual({ ok: false, problem: 'unreadable' });
    expect(readCsvImport('email,name\n')).toEqual({ ok: false, problem: 'empty' });
    expect(readCsvImport('email,nickname\na@example.com,x\n')).toEqual({ ok: false, problem: 'unknownColumns', columns: ['nickname'] });
    expect(readCsvImport('name\nAda\n')).toEqual({ ok: false, problem: 'noEmailColumn' });
  });
});
