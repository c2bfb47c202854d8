import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { SsoConnectionEditor } from '@/components/admin/sso-connection-editor';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { DEFAULT_SCOPES } from '@/lib/sso/connection-input';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'AdminSso.form' }))('newTitle') };
}

/** A new connection starts as the common case: the usual scopes, passwords still allowed, no accounts made. */
export default async function NewSsoConnectionPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'sso.manage', '/admin/sso/new');
  const t = await getTranslations({ locale, namespace: 'AdminSso.form' });
  return (
    <section className="card">
      <AdminNav locale={locale} current="sso" viewer={session.user} />
      <h1>{t('newTitle')}</h1>
      <p>{t('intro')}</p>
      <SsoConnectionEditor
        locale={locale}
        actor={session.user}
        connectionId=""
        initial={{ name: '', issuer: '', clientId: '', scopes: DEFAULT_SCOPES, domains: '', mode: 'allow', createAccounts: '', defaultTeamId: '', defaultRole: 'user' }}
      />
      <ul className="help-links">
        <li>
          <a href={getPathname({ href: '/admin/sso', locale })}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
