import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { retryFailedEmail } from '@/lib/admin/email-retry';
import { db } from '@/lib/db/client';
import { listFailedEmails, markEmailFailed } from '@/lib/db/outbox';
import { auditEvents, emailOutbox, jobs } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import { deliveryKey, queueEmail } from '@/lib/email/outbox';
import { emailTemplates } from '@/lib/email/templates';
import type { Actor } from '@/lib/permissions/can';
import { withMigratedDatabase } from '../../helpers/database';
import { deliveryJobOf } from '../../helpers/jobs';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.70' };

async function actorOf(role: Actor['role'], team?: string): Promise<Actor> {
  const user = (await findUserById((await makeUser({ role, team })).id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

/** An email whose delivery was given up on: a notice by default, or one carrying a reset link and code. */
async function failedEmail(userId: string, to: string, kind: 'notice' | 'reset link' = 'notice') {
  const id = await db().transaction((tx) =>
    kind === 'notice'
      ? queueEmail(tx, { template: 'adminNotice', to, locale: 'fr', userId, props: emailTemplates.adminNotice.preview.props })
      : queueEmail(tx, { template: 'passwordReset', to, locale: 'fr', userId, ...emailTemplates.passwordReset.preview }),
  );
  await db().update(emailOutbox).set({ attempts: 5 }).where(eq(emailOutbox.id, id));
  await markEmailFailed(id, 'provider answered 500');
  // As the runner leaves it after the last try: the delivery job's row is gone.
  await db().delete(jobs).where(eq(jobs.idempotencyKey, deliveryKey(id)));
  return id;
}

const rowOf = async (id: string) => (await db().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;
const retriedEvents = (id: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.event, 'admin.email_retried'), eq(auditEvents.targetUserId, id)));

describe('retrying a failed email', () => {
  it('puts it back in line, due now with a fresh budget of tries, and audits who did it', async () => {
    const admin = await actorOf('admin');
    const person = await makeUser();
    const id = await failedEmail(person.id, person.email);
    expect((await listFailedEmails({ pageSize: 100 })).rows.map((row) => row.id)).toContain(id);

    expect(await retryFailedEmail(admin, id, request)).toEqual({ ok: true });
    const row = await rowOf(id);
    expect([row.status, row.attempts, row.lastError]).toEqual(['pending', 0, null]);
    const job = await deliveryJobOf(id);
    expect(job?.status).toBe('queued');
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const events = await retriedEvents(person.id);
    expect(events.map((event) => [event.actorUserId, event.ip, event.detail])).toEqual([[admin.id, request.ip, { emailId: id, template: 'adminNotice' }]]);
    expect((await listFailedEmails({ pageSize: 100 })).rows.map((row) => row.id)).not.toContain(id);

    // A second click (or a second admin) finds nothing left to retry and records nothing.
    expect(await retryFailedEmail(admin, id, request)).toEqual({ ok: false, problem: 'notFound' });
    expect(await retriedEvents(person.id)).toHaveLength(1);
  });

  it('is refused to managers, editors and users, changing nothing', async () => {
    const team = `team-${randomUUID()}`;
    const person = await makeUser({ team });
    const id = await failedEmail(person.id, person.email);
    for (const caller of [await actorOf('manager', team), await actorOf('editor'), await actorOf('user', team)]) {
      expect(await retryFailedEmail(caller, id, request)).toEqual({ ok: false, problem: 'notFound' });
    }
    expect((await rowOf(id)).status).toBe('failed');
    expect(await retriedEvents(person.id)).toHaveLength(0);
  });

  it('is refused when the link and code it carried were erased at the failure', async () => {
    const admin = await actorOf('admin');
    const person = await makeUser();
    const id = await failedEmail(person.id, person.email, 'reset link');
    expect((await rowOf(id)).sealedSecrets).toBeNull();
    const listed = (await listFailedEmails({ pageSize: 100 })).rows.find((row) => row.id === id);
    expect(listed).toMatchObject({ template: 'passwordReset', hasSecrets: false, attempts: 5, lastError: 'provider answered 500' });
    expect(await retryFailedEmail(admin, id, request)).toEqual({ ok: false, problem: 'linkGone' });
    expect((await rowOf(id)).status).toBe('failed');
    expect(await retriedEvents(person.id)).toHaveLength(0);
  });

  it('lists failed emails only, newest first, a page at a time', async () => {
    const person = await makeUser();
    const older = await failedEmail(person.id, person.email);
    const newer = await failedEmail(person.id, person.email);
    const mine = (rows: Array<{ id: string; recipient: string }>) => rows.filter((row) => row.recipient === person.email).map((row) => row.id);
    const all = await listFailedEmails({ pageSize: 100 });
    expect(mine(all.rows)).toEqual([newer, older]);
    const pageOne = await listFailedEmails({ pageSize: 1 });
    expect(pageOne.rows.map((row) => row.id)).toEqual([newer]);
    expect(pageOne.count).toEqual(all.count);
    // Cut at an email: a failure recorded meanwhile does not push the older one off the next page.
    await failedEmail(person.id, person.email);
    const pageTwo = await listFailedEmails({ pageSize: 1, after: pageOne.next! });
    expect(pageTwo.rows.map((row) => row.id)).toEqual([older]);
    const back = await listFailedEmails({ pageSize: 1, before: pageTwo.previous! });
    expect(back.rows.map((row) => row.id)).toEqual([newer]);
  });
});
