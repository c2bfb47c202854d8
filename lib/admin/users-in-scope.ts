import 'server-only';
import { and, asc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { db, type Executor } from '@/lib/db/client';
import { countRows, EXACT_COUNT_LIMIT, EXACT_SEARCH_COUNT_LIMIT, type RowCount } from '@/lib/db/row-count';
import { lastSignInOrNever, reversedLocalPart, signInThrottle, teams, users, type AccountState } from '@/lib/db/schema';
import { publicUserColumns } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { permissionTable, type AdminAction } from '@/lib/permissions/policy';
import { reachRule } from '@/lib/permissions/reach';

// Every admin query about accounts starts from the actor's reach: an account outside it is
// simply not found, the same as one that does not exist.

const testedColumns = { id: users.id, role: users.role, teamId: users.teamId };

/**
 * The accounts `actor` reaches with `action`, as a condition on `users` (the reach rule that
 * can() tests, as SQL): undefined for every account, null when none at all. Other scoped
 * queries (the audit log) build on it too.
 */
export function reachCondition(actor: Actor, action: AdminAction): SQL | undefined | null {
  const rule = reachRule(actor, action);
  if (rule === null) return null;
  return and(...rule.map((test) => (test.is === 'equal' ? eq : ne)(testedColumns[test.field], test.value)));
}

/**
 * Sign-in paused for browsers the account does not know (the "Locked" of the admin area): the
 * account's pause in `sign_in_throttle`, as the database copies it onto the account.
 */
const pausedNow = sql<boolean>`${users.signInPausedUntil} > now()`;
const isLocked = sql<boolean>`coalesce(${pausedNow}, false)`;

/** The live pauses of accounts, one row per paused account (its key is made of the account's id). */
const livePauses = sql`${signInThrottle.scope} = 'account' and ${signInThrottle.lockedUntil} > now() and ${signInThrottle.userId} is not null`;

const adminUserColumns = {
  ...publicUserColumns,
  mustChangePassword: users.mustChangePassword,
  locked: isLocked,
};

export type AdminUser = Awaited<ReturnType<typeof findUserInScope>> & {};

// A list's rows name their team through a subquery, not a join: PostgreSQL reads it after the
// order and the limit, for the page's rows only. Joined, a list whose rows are found out of
// order and then sorted (a search) looked up the team of every match first.
const listedUserColumns = {
  ...adminUserColumns,
  teamName: sql<string | null>`(select ${teams.name} from ${teams} where ${teams.id} = ${users.teamId})`,
};

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

export type UserStateFilter = AccountState | 'locked';
export type UserSort = 'name' | 'created' | 'lastSignIn';

/** What narrows the users list: the same filter for the list, the API and work on a whole result. */
export interface UserFilter {
  search?: string;
  state?: UserStateFilter;
  teamId?: string;
}

/**
 * A place in the list: the sort key of a row, as text (PostgreSQL's own timestamps, to the
 * microsecond). A page starts after one, or ends before one, so accounts created or changed
 * between two page loads never shift a page: no row is skipped or shown twice.
 */
export type ListPosition = readonly [string, string];

export interface UserQuery extends UserFilter {
  sort: UserSort;
  /** The page after this place, or */
  after?: ListPosition;
  /** the page before it; neither: the first page. */
  before?: ListPosition;
  pageSize: number;
}

/** LIKE wildcards typed in a search are searched for, not used. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * `text` found in an address column. A search holding one "@" after some text also asks the
 * index of reversed local parts (lib/db/schema.ts): an address containing
 * "wei.lambert@example.org" has a local part that ends in "wei.lambert" (an address has one
 * "@"), a range of that index. The trigram index alone reads the trigrams of "@example.org",
 * found in nearly every address: 30 ms at a million accounts. The range is implied by the
 * substring, so the search finds exactly what it found without it.
 */
export function addressContains(column: AnyPgColumn, text: string): SQL {
  const contains = ilike(column, likePattern(text));
  const at = text.indexOf('@');
  if (at < 1 || text.includes('@', at + 1)) return contains;
  // Lower-cased by the database, as ILIKE and the index do (JavaScript's lower case differs
  // from some collations': a Turkish one lowers "I" to "ı"), then reversed and made a LIKE
  // prefix. Immutable functions of a bound value: PostgreSQL folds them before it plans.
  const prefix = sql`regexp_replace(reverse(lower(${text.slice(0, at)}::text)), '([\\\\%_])', '\\\\\\1', 'g') || '%'`;
  return and(contains, sql`${reversedLocalPart(column)} like ${prefix}`)!;
}

/**
 * The accounts `actor` reaches in the list that match `filter`, as a condition on `users`:
 * undefined for every account, null when none at all. Searches run on pg_trgm's indexes.
 */
export function userListCondition(actor: Actor, filter: UserFilter, action: AdminAction = 'users.list'): SQL | undefined | null {
  const reach = reachCondition(actor, action);
  if (reach === null) return null;
  const { search } = filter;
  const pattern = search && likePattern(search);
  return and(
    reach,
    search && pattern ? or(ilike(users.name, pattern), addressContains(users.email, search), ilike(users.username, pattern), ilike(users.phone, pattern)) : undefined,
    // The bare comparison, not isLocked's coalesce: it is what tells PostgreSQL that the
    // Locked filter's small indexes (accounts with a pause) hold every match.
    filter.state === 'locked' ? pausedNow : filter.state ? eq(users.state, filter.state) : undefined,
    filter.teamId ? eq(users.teamId, filter.teamId) : undefined,
  );
}

// Each order's key ends on a unique column, so it is total, and matches an index of
// lib/db/schema.ts, so a page is read off the index from its place on.
const orders: Record<UserSort, { key: [SQL | AnyPgColumn, AnyPgColumn]; types: [string, string]; ascending: boolean }> = {
  name: { key: [sql`lower(${users.name})`, users.email], types: ['text', 'text'], ascending: true },
  created: { key: [users.createdAt, users.id], types: ['timestamptz', 'uuid'], ascending: false },
  lastSignIn: { key: [lastSignInOrNever(users.lastSignInAt), users.id], types: ['timestamptz', 'uuid'], ascending: false },
};

/** Rows on the far side of `position`, `forward` in the list's order or back against it. */
function beyond(sort: UserSort, position: ListPosition, forward: boolean): SQL {
  const { key, types, ascending } = orders[sort];
  const operator = sql.raw(forward === ascending ? '>' : '<');
  return sql`(${key[0]}, ${key[1]}) ${operator} (${position[0]}::${sql.raw(types[0])}, ${position[1]}::${sql.raw(types[1])})`;
}

function orderOf(sort: UserSort, forward: boolean): SQL[] {
  const { key, ascending } = orders[sort];
  return key.map((part) => (forward === ascending ? sql`${part} asc` : sql`${part} desc`));
}

/**
 * A page of the accounts `actor` may list, in a stable order, with how many match. Pages are
 * cut at a row's place in the order (keyset), never by counting rows from the start: page
 * 20,000 costs what page 1 does. `previous` and `next` are the places the neighbouring pages
 * start from, when there are such pages.
 */
export async function listUsersInScope(actor: Actor, query: UserQuery, executor: Executor = db()) {
  const where = userListCondition(actor, query);
  if (where === null) return { rows: [], count: { value: 0, relation: 'exact' } as RowCount, previous: null, next: null };
  const { key } = orders[query.sort];
  const page = (position: ListPosition | undefined, forward: boolean) =>
    executor
      .select({ ...listedUserColumns, position: sql<[string, string]>`array[${key[0]}::text, ${key[1]}::text]` })
      .from(users)
      .where(and(where, position && beyond(query.sort, position, forward)))
      .orderBy(...orderOf(query.sort, forward))
      .limit(query.pageSize + 1);

  // The count runs beside the page, on a second connection, so neither waits for the other.
  const [fetched, count] = await Promise.all([page(query.before ?? query.after, !query.before), countMatches(actor, query, where, executor)]);
  const more = fetched.length > query.pageSize;
  const shown = fetched.slice(0, query.pageSize);
  let rows, previous, next;
  if (query.before) {
    // Back at the start with a short page (rows went away): the first page, full.
    if (shown.length < query.pageSize) return listUsersInScope(actor, { ...query, before: undefined }, executor);
    rows = shown.reverse();
    previous = more ? rows[0]!.position : null;
    next = rows.at(-1)!.position;
  } else {
    rows = shown;
    previous = query.after ? (rows[0]?.position ?? query.after) : null;
    next = more ? rows.at(-1)!.position : null;
  }
  return { rows: rows.map(({ position: _, ...row }) => row), count, previous, next };
}

/**
 * How many accounts match `where`. The Locked filter with nothing else narrowing it counts the
 * live pauses where they are kept, off their index alone: the same accounts (the database copies
 * each onto its account), without reading each account's row.
 */
function countMatches(actor: Actor, query: UserQuery, where: SQL | undefined, executor: Executor): Promise<RowCount> {
  if (query.state === 'locked' && !query.search && !query.teamId && reachCondition(actor, 'users.list') === undefined) {
    return countRows(signInThrottle, livePauses, EXACT_COUNT_LIMIT, executor);
  }
  return countRows(users, where, query.search ? EXACT_SEARCH_COUNT_LIMIT : EXACT_COUNT_LIMIT, executor);
}

/** The teams `actor` may filter by: all for an admin, their own for a manager. */
export async function teamsInScope(actor: Actor, executor: Executor = db()) {
  const reach = permissionTable[actor.role]['users.list'];
  if (reach === 'none') return [];
  const rows = await executor.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
  return reach === 'everyone' ? rows : rows.filter((team) => team.id === actor.teamId);
}
