import { getFormatter, getTranslations } from 'next-intl/server';
import { removeCompanyIdentityAction } from '@/app/[locale]/admin/users/[id]/sso-identity-actions';
import { UserPageSection } from '@/components/admin/user-page-section';
import { ConfirmPanel } from '@/components/confirm-panel';
import { DataTable } from '@/components/data-table';
import { companyIdentitiesOf } from '@/lib/admin/sso-identities';
import type { AdminUser } from '@/lib/admin/users-in-scope';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { Actor } from '@/lib/permissions/can';

type Query = Record<string, string | string[] | undefined>;

/** The company identities linked to one account, on its admin page, each removable (confirmed). */
export async function CompanyIdentitiesSection({ locale, actor, user, query }: { locale: AppLocale; actor: Actor; user: AdminUser; query: Query }) {
  const identities = await companyIdentitiesOf(actor, user.id);
  if (!identities) return null;
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: 'AdminSso.identities' }), getFormatter({ locale })]);
  const one = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const here = (search: Record<string, string> = {}) => getPathname({ href: { pathname: `/admin/users/${user.id}`, query: search }, locale });
  const name = user.name || user.email;
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  // The identity named in the address is looked up among the account's own: only stored text is shown.
  const removing = one('confirm') === 'removeIdentity' ? identities.find((identity) => identity.id === one('identity')) : undefined;
  const notice = one('done') === 'identityRemoved' ? t('done') : one('problem') === 'identityGone' ? t('gone') : null;

  return (
    <UserPageSection id="company-identities" title={t('title')} intro={t('intro', { name })} notice={notice}>
      {removing && (
        <ConfirmPanel
          id="identity-confirm-title"
          heading="h3"
          title={t('confirmTitle')}
          action={removeCompanyIdentityAction}
          fields={{ locale, userId: user.id, identityId: removing.id }}
          submit={t('remove')}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>{t('confirm', { connection: removing.connectionName, email: removing.email, name })}</p>
        </ConfirmPanel>
      )}
      {identities.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.connection'), t('columns.email'), t('columns.linked'), t('columns.lastUsed'), t('columns.action')]}>
          {identities.map((identity) => (
            <tr key={identity.id} data-identity-id={identity.id}>
              <td>{identity.connectionName}</td>
              <td translate="no">{identity.email}</td>
              <td>{when(identity.createdAt)}</td>
              <td>{identity.lastUsedAt ? when(identity.lastUsedAt) : t('never')}</td>
              <td>
                <a href={here({ confirm: 'removeIdentity', identity: identity.id })} aria-label={t('removeNamed', { email: identity.email })}>
                  {t('remove')}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </UserPageSection>
  );
}
