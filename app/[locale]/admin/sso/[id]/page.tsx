import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { AdminNav } from '@/components/admin/admin-nav';
import { SsoConnectionEditor } from '@/components/admin/sso-connection-editor';
import { SsoConnectionTest } from '@/components/admin/sso-connection-test';
import { ConfirmPanel } from '@/components/confirm-panel';
import { connectionFor } from '@/lib/admin/sso-connections';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { deleteConnectionAction, testConnectionAction } from '../actions';

type Props = {
  params: Promise<{ locale: AppLocale; id: string }>;
  searchParams: Promise<{ done?: string; confirm?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'AdminSso.list' }))('title') };
}

/** One connection: its settings (the secret never shown), a test against the provider, and deletion (confirmed). */
export default async function SsoConnectionPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const session = await requirePermission(locale, 'sso.manage', `/admin/sso/${id}`);
  const connection = z.uuid().safeParse(id).success ? await connectionFor(session.user, id) : null;
  if (!connection) notFound();
  const [t, tn, tt, td] = await Promise.all([
    getTranslations({ locale, namespace: 'AdminSso.form' }),
    getTranslations({ locale, namespace: 'AdminSso.notices' }),
    getTranslations({ locale, namespace: 'AdminSso.test' }),
    getTranslations({ locale, namespace: 'AdminSso.delete' }),
  ]);
  const here = getPathname({ href: `/admin/sso/${connection.id}`, locale });

  return (
    <section className="card">
      <AdminNav locale={locale} current="sso" viewer={session.user} />
      <h1>{t('editTitle', { name: connection.name })}</h1>
      {query.done === 'saved' && (
        <p className="notice" role="status">
          {tn('saved')}
        </p>
      )}
      {query.confirm === 'delete' && (
        <ConfirmPanel
          id="delete-confirm-title"
          title={td('confirmTitle')}
          action={deleteConnectionAction}
          fields={{ locale, connectionId: connection.id }}
          submit={td('submit')}
          cancel={{ href: here, label: td('cancel') }}
        >
          <p>{td('confirm', { name: connection.name, domains: connection.domains.join(', ') })}</p>
        </ConfirmPanel>
      )}
      <p>{t('intro')}</p>
      <SsoConnectionEditor
        locale={locale}
        actor={session.user}
        connectionId={connection.id}
        initial={{
          name: connection.name,
          issuer: connection.issuer,
          clientId: connection.clientId,
          scopes: connection.scopes,
          domains: connection.domains.join('\n'),
          mode: connection.mode,
          createAccounts: connection.createAccounts ? 'on' : '',
          defaultTeamId: connection.defaultTeamId ?? '',
          defaultRole: connection.defaultRole,
        }}
      />
      <section aria-labelledby="test-title" className="stack">
        <h2 id="test-title">{tt('title')}</h2>
        <p>{tt('intro')}</p>
        <SsoConnectionTest locale={locale} connectionId={connection.id} action={testConnectionAction} text={{ submit: tt('submit'), working: tt('working') }} />
      </section>
      <ul className="help-links">
        {query.confirm !== 'delete' && (
          <li>
            <a href={`${here}?confirm=delete`}>{td('link')}</a>
          </li>
        )}
        <li>
          <a href={getPathname({ href: '/admin/sso', locale })}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
