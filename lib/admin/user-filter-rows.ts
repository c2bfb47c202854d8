import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { db, type Executor } from '@/lib/db/client';
import { teams, users } from '@/lib/db/schema';
import { userListCondition, type UserFilter } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { readUserListQuery } from './user-list-query';

/** What a users list shows, without its order and page: the accounts a job works through. */
export type UserListFilter = UserFilter;

// The users list's own filter (lib/admin/users-in-scope.ts), walked by id instead of shown by
// page: a job goes through the whole result a chunk at a time, each chunk starting after the
// last id done, so it never loads the result whole and never visits an account twice.
function filterCondition(actor: Actor, action: AdminAction, filter: UserListFilter) {
  const listed = userListCondition(actor, filter, action);
  if (listed === null) return null;
  // Nobody acts on their own account from the admin area.
  return and(listed, sql`${users.id} <> ${actor.id}`);
}

/** The next `limit` ids of the filter's accounts in `actor`'s reach, after `afterId`. */
export async function nextFilteredUserIds(
  actor: Actor,
  action: AdminAction,
  filter: UserListFilter,
  page: { afterId: string | null; limit: number },
  executor: Executor = db(),
): Promise<string[]> {
  const where = filterCondition(actor, action, filter);
  if (where === null) return [];
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(where, page.afterId ? gt(users.id, page.afterId) : undefined))
    .orderBy(asc(users.id))
    .limit(page.limit);
  return rows.map((row) => row.id);
}

/** How many accounts the filter holds in `actor`'s reach (for "about N" before a job starts). */
export async function countFilteredUsers(actor: Actor, action: AdminAction, filter: UserListFilter, executor: Executor = db()): Promise<number> {
  const where = filterCondition(actor, action, filter);
  if (where === null) return 0;
  const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(users).where(where);
  return row?.count ?? 0;
}

/** The next `limit` accounts of the filter, by id, with what an export shows of them. */
export async function nextFilteredUsers(actor: Actor, action: AdminAction, filter: UserListFilter, page: { afterId: string | null; limit: number }, executor: Executor = db()) {
  const where = filterCondition(actor, action, filter);
  if (where === null) return [];
  return executor
    .select({
      id: users.id,
      email: users.email,
      username: users.username,
      phone: users.phone,
      name: users.name,
      role: users.role,
      team: teams.name,
      locale: users.locale,
      state: users.state,
    })
    .from(users)
    .leftJoin(teams, eq(users.teamId, teams.id))
    .where(and(where, page.afterId ? gt(users.id, page.afterId) : undefined))
    .orderBy(asc(users.id))
    .limit(page.limit);
}

/** The filter a users list's address carries (its order and page do not matter to a job). */
export function readUserListFilter(raw: Record<string, string | string[] | undefined>): UserListFilter {
  const query = readUserListQuery(raw);
  return { search: query.search || undefined, state: query.state, teamId: query.teamId };
}

/** The filter as an address's query, the list's own names. */
export function userListFilterParams(filter: UserListFilter): Record<string, string> {
  return {
    ...(filter.search ? { q: filter.search } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.teamId ? { team: filter.teamId } : {}),
  };
}
