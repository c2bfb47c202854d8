import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { UserImportForm } from '@/components/admin/user-import-form';
import { importColumns } from '@/lib/admin/import-users';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { permissionTable } from '@/lib/permissions/policy';
import { requirePermission } from '@/lib/permissions/require-permission';
import { importUsersAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.import' }))('title') };
}

export default async function ImportPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'users.import', '/admin/users/import');
  const actor = session.user;
  const t = await getTranslations({ locale, namespace: 'Admin.import' });
  const ownTeam = permissionTable[actor.role]['users.import'] !== 'everyone';
  return (
    <section className="card wide">
      <AdminNav locale={locale} current="users" viewer={actor} />
      <h1>{t('title')}</h1>
      <p>{ownTeam ? t('introManager', { team: actor.teamName ?? '' }) : t('intro')}</p>
      <p>
        {t('columns')} <code>{importColumns.join(',')}</code>
      </p>
      <UserImportForm locale={locale} action={importUsersAction} text={{ label: t('file'), hint: t('hint'), submit: t('submit'), working: t('working') }} />
      <p>
        <a href={getPathname({ href: '/admin/users', locale })}>{t('back')}</a>
      </p>
    </section>
  );
}
