import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { DataTable } from '@/components/data-table';
import { connectionsFor } from '@/lib/admin/sso-connections';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{ done?: string; problem?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'AdminSso.list' }))('title') };
}

/** The company sign-in connections: which domains each signs in, and how. */
export default async function SsoConnectionsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const session = await requirePermission(locale, 'sso.manage', '/admin/sso');
  const connections = await connectionsFor(session.user);
  if (!connections) notFound();
  const [t, tn] = await Promise.all([getTranslations({ locale, namespace: 'AdminSso.list' }), getTranslations({ locale, namespace: 'AdminSso.notices' })]);
  // Fixed codes only: nothing from the address is shown.
  const notice = query.done === 'deleted' ? tn('deleted') : query.problem === 'gone' ? tn('gone') : null;

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="sso" viewer={session.user} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        <a href={getPathname({ href: '/admin/sso/new', locale })}>{t('new')}</a>
      </p>
      {connections.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.name'), t('columns.domains'), t('columns.mode'), t('columns.createAccounts')]}>
          {connections.map((connection) => (
            <tr key={connection.id} data-connection-id={connection.id}>
              <td>
                <a href={getPathname({ href: `/admin/sso/${connection.id}`, locale })}>{connection.name}</a>
              </td>
              <td translate="no">{connection.domains.join(', ')}</td>
              <td data-mode={connection.mode}>{t(`modes.${connection.mode}`)}</td>
              <td>{connection.createAccounts ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
