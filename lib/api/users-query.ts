import { openUserListCursor, USERS_PAGE_SIZE, type ListQuery } from '@/lib/admin/user-list-query';
import { usersQuery, type QueryIssue } from './schemas';

/** The users list's filters from an API request, or what is wrong with them (a repeated filter too). */
export function readApiUserListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; issues: QueryIssue[] } {
  if (params.has('page')) return { ok: false, issues: [{ parameter: 'page', problem: 'pages are cursors now: pass the previous answer’s `next` as `cursor`' }] };
  const names = Object.keys(usersQuery.shape);
  const repeated = names.filter((name) => params.getAll(name).length > 1);
  if (repeated.length > 0) return { ok: false, issues: repeated.map((parameter) => ({ parameter, problem: 'given more than once' })) };
  const parsed = usersQuery.safeParse(Object.fromEntries(names.flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : []))));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ''), problem: issue.message })) };
  const { q, state, team, sort, cursor } = parsed.data;
  const after = openUserListCursor(sort, cursor);
  if (cursor !== undefined && !after) return { ok: false, issues: [{ parameter: 'cursor', problem: 'not a `next` of this list in this sort' }] };
  return { ok: true, query: { search: q, state, teamId: team, sort, after, pageSize: USERS_PAGE_SIZE } };
}
