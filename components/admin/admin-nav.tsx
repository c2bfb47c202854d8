import { getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

/** The admin area's own links, above each of its pages. */
export async function AdminNav({ locale, current }: { locale: AppLocale; current: 'users' }) {
  const t = await getTranslations({ locale, namespace: 'Admin.nav' });
  return (
    <nav aria-label={t('label')} className="admin-nav">
      <ul>
        <li>
          <a href={getPathname({ href: '/admin/users', locale })} aria-current={current === 'users' ? 'page' : undefined}>
            {t('users')}
          </a>
        </li>
        <li>
          <a href={getPathname({ href: '/account', locale })}>{t('account')}</a>
        </li>
      </ul>
    </nav>
  );
}
