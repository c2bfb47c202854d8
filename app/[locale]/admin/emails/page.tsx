import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { ConfirmPanel } from '@/components/confirm-panel';
import { canBeRetried } from '@/lib/admin/email-retry';
import { failedEmailsPlace, readFailedEmailsQuery } from '@/lib/admin/failed-emails-query';
import { listFailedEmails } from '@/lib/db/outbox';
import { isEmailTemplateName } from '@/lib/email/templates';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { requirePermission } from '@/lib/permissions/require-permission';
import { retryEmailAction } from './actions';
import { DataTable } from '@/components/data-table';
import { ListPager } from '@/components/admin/list-pager';

const countMessage = { exact: 'count', about: 'countAbout', atLeast: 'countAtLeast' } as const;

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.emails' }))('title') };
}

/** The emails the outbox gave up on, newest first, each sent again after a confirmation. */
export default async function FailedEmailsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'outbox.view', '/admin/emails');
  const viewer = session.user;
  const query = readFailedEmailsQuery(await searchParams);
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: 'Admin.emails' }), getFormatter({ locale })]);
  const { rows, count, previous, next } = await listFailedEmails(query);
  const mayRetry = can(viewer, 'outbox.retry');
  const templateName = (template: string) => (isEmailTemplateName(template) ? t(`templates.${template}`) : template);
  const place = failedEmailsPlace(query);
  const listHref = (change: Record<string, string> = {}) => getPathname({ href: { pathname: '/admin/emails', query: { ...place, ...change } }, locale });
  const pageHref = (page: Record<string, string>) => getPathname({ href: { pathname: '/admin/emails', query: page }, locale });
  const confirming = mayRetry ? rows.find((row) => row.id === query.confirm && canBeRetried(row)) : undefined;
  const notice = query.done ? t(query.done) : query.problem ? t(`problems.${query.problem}`) : null;

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="emails" viewer={viewer} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {confirming && (
        <ConfirmPanel
          id="confirm-title"
          title={t('confirmTitle')}
          action={retryEmailAction}
          fields={{ locale, emailId: confirming.id, after: place.after ?? '', before: place.before ?? '' }}
          submit={t('retry')}
          cancel={{ href: listHref(), label: t('cancel') }}
        >
          <p>{t('confirm', { template: templateName(confirming.template), recipient: confirming.recipient })}</p>
        </ConfirmPanel>
      )}

      <p className="muted">{t(countMessage[count.relation], { count: count.value })}</p>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.recipient'), t('columns.template'), t('columns.attempts'), t('columns.lastError'), t('columns.created'), ...(mayRetry ? [t('columns.action')] : [])]}>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.recipient}</td>
              <td>{templateName(row.template)}</td>
              <td>{format.number(row.attempts)}</td>
              <td>{row.lastError ?? t('noError')}</td>
              <td>
                <time dateTime={row.createdAt.toISOString()}>
                  {format.dateTime(row.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })}
                </time>
              </td>
              {mayRetry && (
                <td>
                  {canBeRetried(row) ? (
                    <a href={listHref({ confirm: row.id })} aria-label={t('retryLabel', { recipient: row.recipient })}>
                      {t('retry')}
                    </a>
                  ) : (
                    <>
                      {t('linkGone')}
                      {row.userId && can(viewer, 'user.view') && (
                        <>
                          {' '}
                          <a href={getPathname({ href: `/admin/users/${row.userId}`, locale })}>{t('openUser')}</a>
                        </>
                      )}
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      <ListPager
        label={t('pagination')}
        links={[
          previous ? { href: pageHref({}), text: t('first') } : null,
          previous ? { href: pageHref({ before: previous }), text: t('previous'), rel: 'prev' } : null,
          next ? { href: pageHref({ after: next }), text: t('next'), rel: 'next' } : null,
        ]}
      />
    </section>
  );
}
