import { getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can, type Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';

const sections = [
  { key: 'users', href: '/admin/users', action: 'users.list' },
  { key: 'jobs', href: '/admin/jobs', action: 'jobs.view' },
  { key: 'audit', href: '/admin/audit', action: 'audit.view' },
  { key: 'emails', href: '/admin/emails', action: 'outbox.view' },
  { key: 'translations', href: '/admin/translations', action: 'translations.edit' },
  { key: 'sso', href: '/admin/sso', action: 'sso.manage' },
] as const satisfies ReadonlyArray<{ key: string; href: string; action: AdminAction }>;

type Section = (typeof sections)[number]['key'];

/** The admin area's own links, above each of its pages: only those the viewer may open. */
export async function AdminNav({ locale, current, viewer }: { locale: AppLocale; current: Section; viewer: Actor }) {
  const [t, tSso] = await Promise.all([getTranslations({ locale, namespace: 'Admin.nav' }), getTranslations({ locale, namespace: 'AdminSso' })]);
  return (
    <nav aria-label={t('label')} className="admin-nav">
      <ul>
        {sections
          .filter((section) => can(viewer, section.action))
          .map((section) => (
            <li key={section.key}>
              <a href={getPathname({ href: section.href, locale })} aria-current={current === section.key ? 'page' : undefined}>
                {/* Company sign-in keeps all its words in its own namespace. */}
                {section.key === 'sso' ? tSso('nav') : t(section.key)}
              </a>
            </li>
          ))}
        <li>
          <a href={getPathname({ href: '/account', locale })}>{t('account')}</a>
        </li>
      </ul>
    </nav>
  );
}
