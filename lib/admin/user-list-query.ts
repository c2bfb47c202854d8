import { z } from 'zod';
import type { ListPosition, UserQuery } from '@/lib/admin/users-in-scope';
import { openCursor, sealCursor } from './list-cursor';

export const USERS_PAGE_SIZE = 25;

// One set of filters for the users list and the API's /users (lib/api/schemas.ts).
export const userListFields = {
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
  q: userListFields.q.catch(''),
  state: userListFields.state.optional().catch(undefined),
  team: userListFields.team.optional().catch(undefined),
  sort: userListFields.sort.catch('name'),
  after: userListFields.cursor.optional().catch(undefined),
  before: userListFields.cursor.optional().catch(undefined),
});

// A filter posted back by a bulk operation's confirmation is read strictly: one value dropped
// there would widen the operation to more accounts than the person confirmed. No search holds
// control or format characters, nor what undecodable bytes become.
export const postedUserFilter = z.object({
  q: userListFields.q.refine((text) => !/[\p{Cc}\p{Cf}\uFFFD]/u.test(text)),
  state: z.union([z.literal(''), userListFields.state]),
  team: z.union([z.literal(''), userListFields.team]),
});

type Raw = Record<string, string | string[] | undefined>;
export type ListQuery = UserQuery & { search: string };

/** The list a cursor belongs to: a place in one order means nothing in another. */
const cursorList = (sort: UserQuery['sort']) => `users:${sort}`;

/** The place a cursor of the list in this sort names, or undefined for any other string. */
export const openUserListCursor = (sort: UserQuery['sort'], cursor: string | undefined) => openCursor(cursorList(sort), cursor);

export function readUserListQuery(raw: Raw): ListQuery {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const query = listQuery.parse(single);
  const before = openUserListCursor(query.sort, query.before);
  return {
    search: query.q,
    state: query.state,
    teamId: query.team,
    sort: query.sort,
    before,
    after: before ? undefined : openUserListCursor(query.sort, query.after),
    pageSize: USERS_PAGE_SIZE,
  };
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
