import { z } from 'zod';
import type { UserQuery } from '@/lib/db/users-in-scope';

export const USERS_PAGE_SIZE = 25;

// One set of filters for the users list and the API's /users.
const fields = {
  q: z.string().trim().max(200),
  state: z.enum(['active', 'locked', 'deactivated', 'pending']),
  team: z.uuid(),
  sort: z.enum(['name', 'created', 'lastSignIn']),
  page: z.coerce.number().int().min(1).max(100_000),
};

// The users list's address is a link people share and bookmark: whatever it carries is read
// leniently, and anything it cannot be falls back to the default rather than an error.
const listQuery = z.object({
  q: fields.q.catch(''),
  state: fields.state.optional().catch(undefined),
  team: fields.team.optional().catch(undefined),
  sort: fields.sort.catch('name'),
  page: fields.page.catch(1),
});

// A program, on the other hand, is told what it got wrong: a filter silently dropped would
// answer a different question than the one asked.
const apiQuery = z.object({
  q: fields.q.default(''),
  state: fields.state.optional(),
  team: fields.team.optional(),
  sort: fields.sort.default('name'),
  page: fields.page.default(1),
});

type Raw = Record<string, string | string[] | undefined>;
type ListQuery = UserQuery & { search: string };

function toUserQuery(query: z.output<typeof listQuery>): ListQuery {
  return { search: query.q, state: query.state, teamId: query.team, sort: query.sort, page: query.page, pageSize: USERS_PAGE_SIZE };
}

export function readUserListQuery(raw: Raw): ListQuery {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return toUserQuery(listQuery.parse(single));
}

export interface QueryIssue {
  parameter: string;
  problem: string;
}

/** The same filters from an API request, or what is wrong with them (a repeated filter too). */
export function readApiUserListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; issues: QueryIssue[] } {
  const names = Object.keys(apiQuery.shape);
  const repeated = names.filter((name) => params.getAll(name).length > 1);
  if (repeated.length > 0) return { ok: false, issues: repeated.map((parameter) => ({ parameter, problem: 'given more than once' })) };
  const parsed = apiQuery.safeParse(Object.fromEntries(names.flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : []))));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ''), problem: issue.message })) };
  return { ok: true, query: toUserQuery(parsed.data) };
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
