import { z } from 'zod';
import type { ListPosition, UserQuery } from '@/lib/db/users-in-scope';
import { openCursor, sealCursor } from './list-cursor';

export const USERS_PAGE_SIZE = 25;

// One set of filters for the users list and the API's /users.
const fields = {
  q: z.string().trim().max(200),
  state: z.enum(['active', 'locked', 'deactivated', 'pending']),
  team: z.uuid(),
  sort: z.enum(['name', 'created', 'lastSignIn']),
  cursor: z.string().max(1024),
};

// The users list's address is a link people share and bookmark: whatever it carries is read
// leniently, and anything it cannot be falls back to the default rather than an error (a stale
// or foreign cursor: the first page).
const listQuery = z.object({
  q: fields.q.catch(''),
  state: fields.state.optional().catch(undefined),
  team: fields.team.optional().catch(undefined),
  sort: fields.sort.catch('name'),
  after: fields.cursor.optional().catch(undefined),
  before: fields.cursor.optional().catch(undefined),
});

// A program, on the other hand, is told what it got wrong: a filter silently dropped would
// answer a different question than the one asked.
const apiQuery = z.object({
  q: fields.q.default(''),
  state: fields.state.optional(),
  team: fields.team.optional(),
  sort: fields.sort.default('name'),
  cursor: fields.cursor.optional(),
});

// A filter posted back by a bulk operation's confirmation is read strictly: one value dropped
// there would widen the operation to more accounts than the person confirmed. No search holds
// control or format characters, nor what undecodable bytes become.
export const postedUserFilter = z.object({
  q: fields.q.refine((text) => !/[\p{Cc}\p{Cf}\uFFFD]/u.test(text)),
  state: z.union([z.literal(''), fields.state]),
  team: z.union([z.literal(''), fields.team]),
});

type Raw = Record<string, string | string[] | undefined>;
type ListQuery = UserQuery & { search: string };

/** The list a cursor belongs to: a place in one order means nothing in another. */
const cursorList = (sort: UserQuery['sort']) => `users:${sort}`;

export function readUserListQuery(raw: Raw): ListQuery {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const query = listQuery.parse(single);
  const before = openCursor(cursorList(query.sort), query.before);
  return {
    search: query.q,
    state: query.state,
    teamId: query.team,
    sort: query.sort,
    before,
    after: before ? undefined : openCursor(cursorList(query.sort), query.after),
    pageSize: USERS_PAGE_SIZE,
  };
}

export interface QueryIssue {
  parameter: string;
  problem: string;
}

/** The same filters from an API request, or what is wrong with them (a repeated filter too). */
export function readApiUserListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; issues: QueryIssue[] } {
  if (params.has('page')) return { ok: false, issues: [{ parameter: 'page', problem: 'pages are cursors now: pass the previous answer’s `next` as `cursor`' }] };
  const names = Object.keys(apiQuery.shape);
  const repeated = names.filter((name) => params.getAll(name).length > 1);
  if (repeated.length > 0) return { ok: false, issues: repeated.map((parameter) => ({ parameter, problem: 'given more than once' })) };
  const parsed = apiQuery.safeParse(Object.fromEntries(names.flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : []))));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ''), problem: issue.message })) };
  const { q, state, team, sort, cursor } = parsed.data;
  const after = openCursor(cursorList(sort), cursor);
  if (cursor !== undefined && !after) return { ok: false, issues: [{ parameter: 'cursor', problem: 'not a `next` of this list in this sort' }] };
  return { ok: true, query: { search: q, state, teamId: team, sort, after, pageSize: USERS_PAGE_SIZE } };
}

/** The cursor that the API's `next` hands out for a place in the list. */
export function userListCursor(query: UserQuery, position: ListPosition): string {
  return sealCursor(cursorList(query.sort), position);
}

/** The list's address for the same filters: its first page, or the page after or before a place. */
export function userListHref(query: UserQuery, page: { after?: ListPosition; before?: ListPosition } = {}) {
  const params: Record<string, string> = {};
  if (query.search) params.q = query.search;
  if (query.state) params.state = query.state;
  if (query.teamId) params.team = query.teamId;
  if (query.sort !== 'name') params.sort = query.sort;
  if (page.after) params.after = userListCursor(query, page.after);
  else if (page.before) params.before = userListCursor(query, page.before);
  return { pathname: '/admin/users', query: params } as const;
}
