import 'server-only';
import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditEventName } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import { auditEvents, users, type Role } from '@/lib/db/schema';
import type { Actor } from '@/lib/permissions/can';
import { addressContains, likePattern, reachCondition } from './users-in-scope';

export interface AuditLogQuery {
  /** Text found in the actor's email, username or name. */
  actor?: string;
  /** Text found in the target's email, username or name. */
  target?: string;
  event?: AuditEventName;
  /** From this instant on. */
  since?: Date;
  /** Strictly before this instant. */
  until?: Date;
  /** Older than this event (the "Older" link), or */
  before?: number;
  /** newer than this one (the "Newer" link). */
  after?: number;
  limit: number;
}

const actors = alias(users, 'actor');
const targets = alias(users, 'target');

type Person = typeof actors | typeof targets;

function personMatches(person: Person, text: string): SQL | undefined {
  const pattern = likePattern(text);
  return or(addressContains(person.email, text), ilike(person.username, pattern), ilike(person.name, pattern));
}

/**
 * The events `viewer` may read, as a condition; null when none. An admin reads every event; a
 * manager only those aimed at an account they reach (the users-in-scope rule itself), so a
 * sign-in of another team's member or of an admin never shows.
 */
function visibleTo(viewer: Actor, executor: Executor): SQL | undefined | null {
  const reach = reachCondition(viewer, 'audit.view');
  if (reach === null) return null;
  if (reach === undefined) return undefined;
  // Kept a filter (a hashed set of the team's accounts, checked as the log is read newest
  // first) rather than a join: PostgreSQL joins each event to its account otherwise, and reads
  // tens of thousands of events of other teams, one account lookup each, to fill one page.
  return sql`coalesce(${auditEvents.targetUserId} in (${executor.select({ id: users.id }).from(users).where(reach)}), false)`;
}

function person<Table extends Person>(table: Table) {
  return { id: table.id, name: table.name, email: table.email, role: table.role, teamId: table.teamId };
}

type PersonRow = { id: string | null; name: string | null; email: string | null; role: Role | null; teamId: string | null } | null;

/** A person of an event, or null when there was none (a failure for an unknown name) or the account is gone. */
function present(row: PersonRow) {
  return row?.id && row.email && row.role ? { id: row.id, name: row.name ?? '', email: row.email, role: row.role, teamId: row.teamId } : null;
}

/**
 * A page of the audit log as `viewer` may read it, newest first. Pages are cut at an event
 * (keyset on its time and id, which never change: the event's id is its place), so events
 * recorded while someone reads never shift or repeat a page, and the page a year back costs
 * what the newest does. The time leads the order so that a date range reads one stretch of
 * the time index.
 */
export async function listAuditLog(viewer: Actor, query: AuditLogQuery, executor: Executor = db()): Promise<{ events: AuditLogEntry[]; older: boolean; newer: boolean }> {
  const visible = visibleTo(viewer, executor);
  if (visible === null) return { events: [], older: false, newer: false };
  const filters = and(
    visible,
    query.actor ? personMatches(actors, query.actor) : undefined,
    query.target ? personMatches(targets, query.target) : undefined,
    query.event ? eq(auditEvents.event, query.event) : undefined,
    query.since ? gte(auditEvents.occurredAt, query.since) : undefined,
    query.until ? lt(auditEvents.occurredAt, query.until) : undefined,
  );
  const place = (id: number) => sql`((select ${auditEvents.occurredAt} from ${auditEvents} where ${auditEvents.id} = ${id}), ${id}::bigint)`;
  const select = (cursor: SQL | undefined, newestFirst: boolean, limit: number) =>
    executor
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        event: auditEvents.event,
        ip: auditEvents.ip,
        detail: auditEvents.detail,
        actor: person(actors),
        target: person(targets),
      })
      .from(auditEvents)
      .leftJoin(actors, eq(auditEvents.actorUserId, actors.id))
      .leftJoin(targets, eq(auditEvents.targetUserId, targets.id))
      .where(and(filters, cursor))
      .orderBy(...(newestFirst ? [desc(auditEvents.occurredAt), desc(auditEvents.id)] : [asc(auditEvents.occurredAt), asc(auditEvents.id)]))
      .limit(limit)
      .then((rows) => rows.map((row) => ({ ...row, actor: present(row.actor), target: present(row.target) })));

  // A page reached from a neighbour has that neighbour on its other side: only the far side is looked at.
  if (query.after !== undefined) {
    const rows = await select(sql`(${auditEvents.occurredAt}, ${auditEvents.id}) > ${place(query.after)}`, false, query.limit + 1);
    // Back at the newest with a short page: the newest page, full.
    if (rows.length < query.limit) return listAuditLog(viewer, { ...query, after: undefined }, executor);
    return { events: rows.slice(0, query.limit).reverse(), older: true, newer: rows.length > query.limit };
  }
  const cursor = query.before !== undefined ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < ${place(query.before)}` : undefined;
  const rows = await select(cursor, true, query.limit + 1);
  return { events: rows.slice(0, query.limit), older: rows.length > query.limit, newer: query.before !== undefined };
}

type AuditLogRow = { id: number; occurredAt: Date; event: string; ip: string | null; detail: Record<string, string | number | boolean | null> };
export type AuditLogEntry = AuditLogRow & { actor: ReturnType<typeof present>; target: ReturnType<typeof present> };
