import { exportUsersCsv } from '@/lib/admin/export-users';
import { readUserListFilter } from '@/lib/admin/user-filter-rows';
import { toLocale } from '@/lib/i18n/locale';
import { requirePermission } from '@/lib/permissions/require-permission';
import { requestInfo } from '@/lib/request-info';

/** The users list's filter as a CSV file, streamed as it is read. */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = toLocale((await params).locale);
  const session = await requirePermission(locale, 'users.export', '/admin/users');
  const filter = readUserListFilter(Object.fromEntries(new URL(request.url).searchParams));
  const body = await exportUsersCsv(session.user, filter, await requestInfo());
  if (!body) return new Response(null, { status: 404 });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="users.csv"',
      'cache-control': 'no-store',
    },
  });
}
