import { toLocale } from '@/lib/i18n/locale';
import { requirePermission } from '@/lib/permissions/require-permission';
import { exportOverrides } from '@/lib/translations/editor';

/** The published overrides as a file in the catalogue's shape, for a translation agency. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = toLocale((await params).locale);
  const session = await requirePermission(locale, 'translations.edit', '/admin/translations');
  const tree = await exportOverrides(session.user);
  return new Response(`${JSON.stringify(tree, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="translations.json"',
      'cache-control': 'no-store',
    },
  });
}
