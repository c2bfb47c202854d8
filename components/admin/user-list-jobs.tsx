import { getTranslations } from 'next-intl/server';
import { bulkOperations, bulkPermission } from '@/lib/admin/bulk-users';
import { readUserListFilter, userListFilterParams } from '@/lib/admin/user-filter-rows';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can, type Actor } from '@/lib/permissions/can';

/**
 * Under the users list: the work done on the whole filter as a job (each link carries the
 * list's filter), and the import. Plain links: each opens a page that says what will happen.
 */
export async function UserListJobs({ locale, viewer, raw }: { locale: AppLocale; viewer: Actor; raw: Record<string, string | string[] | undefined> }) {
  const t = await getTranslations({ locale, namespace: 'Admin.bulk' });
  const query = userListFilterParams(readUserListFilter(raw));
  const links = [
    ...(bulkOperations.some((operation) => can(viewer, bulkPermission(operation)))
      ? [{ key: 'bulk', href: getPathname({ href: { pathname: '/admin/users/bulk', query }, locale }), label: t('link') }]
      : []),
    ...(can(viewer, 'users.export') ? [{ key: 'export', href: getPathname({ href: { pathname: '/admin/users/export', query }, locale }), label: t('export') }] : []),
    ...(can(viewer, 'users.import') ? [{ key: 'import', href: getPathname({ href: '/admin/users/import', locale }), label: t('import') }] : []),
  ];
  if (links.length === 0) return null;
  return (
    <nav aria-label={t('linksLabel')} className="actions">
      {links.map((link) => (
        <a key={link.key} href={link.href}>
          {link.label}
        </a>
      ))}
    </nav>
  );
}
