import 'server-only';
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@/lib/permissions/can';
import { permissionTable, type AdminAction } from '@/lib/permissions/policy';
import { db, type Executor } from './client';
import { publicUserColumns } from './users';
import { signInThrottle, teams, users, type AccountState } from './schema';

// Every admin query about accounts starts from the actor's reach: an account outside it is
// simply not found, the same as one that does not exist.

/**
 * The accounts `actor` reaches with `action`, as a condition on `users`: undefined for every
 * account, null when none at all. Other scoped queries (the audit log) build on it too.
 */
export function reachCondition(actor: Actor, action: AdminAction): SQL | undefined | null {
  if (actor.state !== 'active') return null;
  const reach = permissionTable[actor.role][action];
  if (reach === 'everyone') return undefined;
  if (reach === 'own team users' && actor.teamId) return and(eq(users.role, 'user'), eq(users.teamId, actor.teamId));
  return null;
}

/** Sign-in paused for browsers the account does not know (the "Locked" of the admin area). */
export const isLocked = sql<boolean>`exists (select 1 from ${signInThrottle} where ${signInThrottle.userId} = ${users.id}
  and ${signInThrottle.scope} = 'account' and ${signInThrottle.lockedUntil} > now())`;

const adminUserColumns = {
  ...publicUserColumns,
  mustChangePassword: users.mustChangePassword,
  locked: isLocked,
};

export type AdminUser = Awaited<ReturnType<typeof findUserInScope>> & {};

/** One account, if `actor` reaches it with `action`. */
export async function findUserInScope(actor: Actor, action: AdminAction, id: string, executor: Executor = db()) {
  const reach = reachCondition(actor, action);
  if (reach === null || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await executor
    .select(adminUserColumns)
    .from(users)
    .leftJoin(teams, eq(users.teamId, teams.id))
    .where(and(eq(users.id, id), reach));
  return row;
}

export type UserFilter = AccountState | 'locked';
export type UserSort = 'name' | 'created' | 'lastSignIn';

export interface UserQuery {
  search?: string;
  state?: UserFilter;
  teamId?: string;
  sort: UserSort;
  page: number;
  pageSize: number;
}

/** LIKE wildcards typed in a search are searched for, not used. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A page of the accounts `actor` may list, with the total, in a stable order (id breaks ties). */
export async function listUsersInScope(actor: Actor, query: UserQuery, executor: Executor = db()) {
  const reach = reachCondition(actor, 'users.list');
  if (reach === null) return { rows: [], total: 0 };
  const pattern = query.search ? likePattern(query.search) : null;
  const where = and(
    reach,
    pattern
      ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.username, pattern), ilike(users.phone, pattern))
      : undefined,
    query.state === 'locked' ? isLocked : query.state ? eq(users.state, query.state) : undefined,
    query.teamId ? eq(users.teamId, query.teamId) : undefined,
  );
  const order =
    query.sort === 'created'
      ? [desc(users.createdAt), asc(users.id)]
      : query.sort === 'lastSignIn'
        ? [sql`${users.lastSignInAt} desc nulls last`, asc(users.id)]
        : [asc(sql`lower(${users.name})`), asc(users.email), asc(users.id)];
  const [rows, [count]] = await Promise.all([
    executor
      .select(adminUserColumns)
      .from(users)
      .leftJoin(teams, eq(users.teamId, teams.id))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    executor.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** The teams `actor` may filter by: all for an admin, their own for a manager. */
export async function teamsInScope(actor: Actor, executor: Executor = db()) {
  const reach = permissionTable[actor.role]['users.list'];
  if (reach === 'none') return [];
  const rows = await executor.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
  return reach === 'everyone' ? rows : rows.filter((team) => team.id === actor.teamId);
}
