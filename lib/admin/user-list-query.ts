import { z } from 'zod';
import type { UserQuery } from '@/lib/db/users-in-scope';

export const USERS_PAGE_SIZE = 25;

// The users list's address is a link people share and bookmark: whatever it carries is read
// leniently, and anything it cannot be falls back to the default rather than an error.
const listQuery = z.object({
  q: z.string().trim().max(200).catch(''),
  state: z.enum(['active', 'locked', 'deactivated', 'pending']).optional().catch(undefined),
  team: z.uuid().optional().catch(undefined),
  sort: z.enum(['name', 'created', 'lastSignIn']).catch('name'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Raw = Record<string, string | string[] | undefined>;

export function readUserListQuery(raw: Raw): UserQuery & { search: string } {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const query = listQuery.parse(single);
  return { search: query.q, state: query.state, teamId: query.team, sort: query.sort, page: query.page, pageSize: USERS_PAGE_SIZE };
}

/** The list's address for other values of its query (pagination, after an action). */
export function userListHref(query: UserQuery, change: Partial<UserQuery> = {}) {
  const next = { ...query, ...change };
  const params: Record<string, string> = {};
  if (next.search) params.q = next.search;
  if (next.state) params.state = next.state;
  if (next.teamId) params.team = next.teamId;
  if (next.sort !== 'name') params.sort = next.sort;
  if (next.page > 1) params.page = String(next.page);
  return { pathname: '/admin/users', query: params } as const;
}
