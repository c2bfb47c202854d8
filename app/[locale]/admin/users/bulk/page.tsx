import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { ConfirmPanel } from '@/components/confirm-panel';
import { bulkOperations, bulkPermission, countBulkTargets } from '@/lib/admin/bulk-users';
import { readUserListFilter, userListFilterParams } from '@/lib/admin/user-filter-rows';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { requirePermission } from '@/lib/permissions/require-permission';
import { bulkDeactivateJobAction, bulkSendResetLinkJobAction, bulkUnlockJobAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.bulk' }))('title') };
}

const actions = { unlock: bulkUnlockJobAction, deactivate: bulkDeactivateJobAction, sendResetLink: bulkSendResetLinkJobAction };

/** What can be done to every account of a users-list filter; then how many, confirmed. */
export default async function BulkPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = await searchParams;
  const session = await requirePermission(locale, 'users.list', '/admin/users');
  const actor = session.user;
  const available = bulkOperations.filter((operation) => can(actor, bulkPermission(operation)));
  if (available.length === 0) notFound();
  const filter = readUserListFilter(raw);
  const query = userListFilterParams(filter);
  const chosen = available.find((operation) => operation === raw.op);
  const t = await getTranslations({ locale, namespace: 'Admin.bulk' });
  const here = (extra: Record<string, string> = {}) => getPathname({ href: { pathname: '/admin/users/bulk', query: { ...query, ...extra } }, locale });
  const count = chosen ? await countBulkTargets(actor, chosen, filter) : 0;

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="users" viewer={actor} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <a href={getPathname({ href: { pathname: '/admin/users', query }, locale })}>{t('back')}</a>
      </p>
      {chosen ? (
        <ConfirmPanel
          id="bulk-confirm"
          title={t('confirmTitle')}
          action={actions[chosen]}
          fields={{ locale, op: chosen, q: query.q ?? '', state: query.state ?? '', team: query.team ?? '' }}
          submit={t(`operations.${chosen}.submit`)}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>{t(`operations.${chosen}.confirm`, { count })}</p>
          <p>{t('confirmNote')}</p>
        </ConfirmPanel>
      ) : (
        <ul className="stack">
          {available.map((operation) => (
            <li key={operation}>
              <a href={here({ op: operation })}>{t(`operations.${operation}.label`)}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
