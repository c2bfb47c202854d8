import type { z } from 'zod';
import { userListCursor } from '@/lib/admin/user-list-query';
import { apiListedUser } from '@/lib/api/representation';
import { apiError, apiJson } from '@/lib/api/responses';
import { keyRoute } from '@/lib/api/route';
import type { userPage } from '@/lib/api/schemas';
import { readApiUserListQuery } from '@/lib/api/users-query';
import { listUsersInScope } from '@/lib/admin/users-in-scope';
import { can } from '@/lib/permissions/can';

/** The accounts the key's owner may list — the admin users list, filters and all, as JSON, a page at a time by cursor. */
export const GET = keyRoute('users', async (request, caller) => {
  if (!can(caller.user, 'users.list')) return apiError('forbidden', 'This key may not list users.');
  const read = readApiUserListQuery(new URL(request.url).searchParams);
  if (!read.ok) return apiError('invalid_request', 'Some query parameters are not valid.', read.issues);
  const { query } = read;
  const { rows, count, next } = await listUsersInScope(caller.user, query);
  const page: z.output<typeof userPage> = { users: rows.map(apiListedUser), next: next ? userListCursor(query, next) : null, total: count };
  return apiJson(page);
});
