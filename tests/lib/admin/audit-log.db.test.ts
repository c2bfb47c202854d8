import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAuditLogQuery } from '@/lib/admin/audit-query';
import { recordAudit, type AuditEventName } from '@/lib/db/audit';
import { listAuditLog, type AuditLogQuery } from '@/lib/admin/audit-log';
import { db } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

async function actorOf(role: Actor['role'], team?: string): Promise<Actor & { email: string }> {
  const made = await makeUser({ role, team });
  const user = (await findUserById(made.id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state, email: user.email };
}

const admin = () => actorOf('admin');

// Creating an account records its own event: the assertions look only at the events a test records.
const recorded = new Set<number>();

async function record(event: AuditEventName, actorUserId: string | null, targetUserId: string | null, occurredAt?: Date): Promise<number> {
  const [row] = await db()
    .insert(auditEvents)
    .values({ event, actorUserId, targetUserId, ip: '203.0.113.9', detail: {}, ...(occurredAt ? { occurredAt } : {}) })
    .returning({ id: auditEvents.id });
  recorded.add(row!.id);
  return row!.id;
}

async function ids(viewer: Actor, query: Partial<AuditLogQuery>): Promise<number[]> {
  return (await listAuditLog(viewer, { limit: 100, ...query })).events.map((event) => event.id).filter((id) => recorded.has(id));
}

describe('the audit log filters', () => {
  it('by actor and by target, on email, username or name', async () => {
    const tag = randomUUID().slice(0, 8);
    const helper = await makeUser({ name: `Alice Helper ${tag}`, role: 'admin' });
    const person = await makeUser({ name: `Bob Person ${tag}` });
    const byHelper = await record('admin.unlocked', helper.id, person.id);
    const byPerson = await record('sign_in.succeeded', person.id, person.id);
    const viewer = await admin();
    expect(await ids(viewer, { actor: `Alice Helper ${tag}` })).toEqual([byHelper]);
    expect(await ids(viewer, { actor: helper.email.toUpperCase() })).toEqual([byHelper]);
    expect(await ids(viewer, { actor: person.username })).toEqual([byPerson]);
    expect(await ids(viewer, { target: `Bob Person ${tag}` })).toEqual([byPerson, byHelper]);
    expect(await ids(viewer, { target: `Alice Helper ${tag}` })).toEqual([]);
  });

  it('by event type', async () => {
    const person = await makeUser();
    const unlocked = await record('admin.unlocked', null, person.id);
    await record('sign_in.failed', null, person.id);
    expect(await ids(await admin(), { target: person.email, event: 'admin.unlocked' })).toEqual([unlocked]);
  });

  it('by a range of UTC days, both days included', async () => {
    const person = await makeUser();
    await record('sign_in.failed', null, person.id, new Date('2031-03-01T23:59:59.999Z'));
    const first = await record('sign_in.failed', null, person.id, new Date('2031-03-02T00:00:00Z'));
    const last = await record('sign_in.failed', null, person.id, new Date('2031-03-03T23:59:59.999Z'));
    await record('sign_in.failed', null, person.id, new Date('2031-03-04T00:00:00Z'));
    const read = readAuditLogQuery({ target: person.email, from: '2031-03-02', to: '2031-03-03' });
    expect(read.problem).toBeUndefined();
    expect(await ids(await admin(), read.query)).toEqual([last, first]);
    const oneDay = readAuditLogQuery({ target: person.email, from: '2031-03-03', to: '2031-03-03' });
    expect(await ids(await admin(), oneDay.query)).toEqual([last]);
  });

  it('says when "to" is before "from", or a date is not one, and then lists nothing', async () => {
    expect(readAuditLogQuery({ from: '2031-03-03', to: '2031-03-02' }).problem).toBe('reversedRange');
    expect(readAuditLogQuery({ from: '2031-02-30' }).problem).toBe('invalidDate');
    expect(readAuditLogQuery({ to: 'yesterday' }).problem).toBe('invalidDate');
    const typed = readAuditLogQuery({ from: '2031-03-03', to: '2031-03-02', actor: ' someone ' });
    expect(typed.filters).toMatchObject({ from: '2031-03-03', to: '2031-03-02', actor: 'someone' });
    const unknownEvent = readAuditLogQuery({ from: '2031-03-02', to: '2031-03-02', event: 'not.an.event' });
    expect([unknownEvent.problem, unknownEvent.query.event]).toEqual([undefined, undefined]);
  });

  it('takes LIKE wildcards typed literally', async () => {
    const tag = randomUUID().slice(0, 8);
    const percent = await makeUser({ name: `Percy 100% ${tag}` });
    const plain = await makeUser({ name: `Percy 1000 ${tag}` });
    const mine = await record('sign_in.succeeded', percent.id, percent.id);
    await record('sign_in.succeeded', plain.id, plain.id);
    const viewer = await admin();
    expect(await ids(viewer, { actor: `100% ${tag}` })).toEqual([mine]);
    expect(await ids(viewer, { target: `_${tag}` })).toEqual([]);
    expect(await ids(viewer, { target: `1_0` })).toEqual([]);
  });
});

describe('the audit log pages', () => {
  it('on the event id: newer events never shift or repeat a page, and "newer" walks back', async () => {
    const person = await makeUser();
    const viewer = await admin();
    const failures = [];
    for (let index = 0; index < 5; index += 1) failures.push(await record('sign_in.failed', null, person.id));
    const query = { target: person.email, event: 'sign_in.failed' as const, limit: 2 };

    const first = await listAuditLog(viewer, query);
    expect(first.events.map((event) => event.id)).toEqual([failures[4], failures[3]]);
    expect([first.newer, first.older]).toEqual([false, true]);
    // An event recorded while someone reads does not push the next page's first row back onto it.
    await record('sign_in.failed', null, person.id);
    const second = await listAuditLog(viewer, { ...query, before: first.events.at(-1)!.id });
    expect(second.events.map((event) => event.id)).toEqual([failures[2], failures[1]]);
    expect([second.newer, second.older]).toEqual([true, true]);
    const third = await listAuditLog(viewer, { ...query, before: second.events.at(-1)!.id });
    expect(third.events.map((event) => event.id)).toEqual([failures[0]]);
    expect([third.newer, third.older]).toEqual([true, false]);

    const back = await listAuditLog(viewer, { ...query, after: third.events[0]!.id });
    expect(back.events.map((event) => event.id)).toEqual([failures[2], failures[1]]);
    expect([back.newer, back.older]).toEqual([true, true]);
  });
});

describe('who reads the audit log', () => {
  it('a manager: only events aimed at the plain users of their own team', async () => {
    const team = `team-${randomUUID()}`;
    const manager = await actorOf('manager', team);
    const member = await makeUser({ team });
    const fellowManager = await makeUser({ team, role: 'manager' });
    const teamAdmin = await makeUser({ team, role: 'admin' });
    const outsider = await makeUser({ team: `team-${randomUUID()}` });
    const events = {
      member: await record('sign_in.succeeded', member.id, member.id),
      byAdminOnMember: await record('admin.unlocked', teamAdmin.id, member.id),
      fellowManager: await record('sign_in.succeeded', fellowManager.id, fellowManager.id),
      admin: await record('sign_in.succeeded', teamAdmin.id, teamAdmin.id),
      outsider: await record('sign_in.succeeded', outsider.id, outsider.id),
      ownSignIn: await record('sign_in.succeeded', manager.id, manager.id),
      noTarget: await record('sign_in.failed', null, null),
    };
    expect(await ids(manager, {})).toEqual([events.byAdminOnMember, events.member]);
    const seen = await listAuditLog(manager, { limit: 100 });
    expect(new Set(seen.events.map((event) => event.target?.id))).toEqual(new Set([member.id]));
    // Searching for the outsider or the admin by name finds nothing either.
    expect(await ids(manager, { target: outsider.email })).toEqual([]);
    expect(await ids(manager, { actor: teamAdmin.email })).toEqual([events.byAdminOnMember]);

    const everything = await ids(await admin(), {});
    expect(everything).toEqual(expect.arrayContaining(Object.values(events)));
  });

  it('nobody else: users and editors read nothing', async () => {
    const person = await makeUser();
    await recordAudit({ event: 'sign_in.succeeded', actorUserId: person.id, targetUserId: person.id });
    for (const role of ['user', 'editor'] as const) expect(await ids(await actorOf(role), {})).toEqual([]);
  });
});
