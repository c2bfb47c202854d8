import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { auditLogHref, readAuditLogQuery } from '@/lib/admin/audit-query';
import { auditEventNames } from '@/lib/db/audit';
import { listAuditLog, type AuditLogEntry } from '@/lib/admin/audit-log';
import { auditEventWords } from '@/lib/i18n/audit-events';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { permissionTable } from '@/lib/permissions/policy';
import { requirePermission } from '@/lib/permissions/require-permission';
import { DataTable } from '@/components/data-table';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.audit' }))('title') };
}

/** Who did what to whom, filtered by a plain GET form and paged on the event id. */
export default async function AuditPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'audit.view', '/admin/audit');
  const viewer = session.user;
  const { query, filters, problem } = readAuditLogQuery(await searchParams);
  const [t, format, describe] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.audit' }),
    getFormatter({ locale }),
    auditEventWords(locale),
  ]);
  const page = problem ? { events: [], older: false, newer: false } : await listAuditLog(viewer, query);
  const everyone = permissionTable[viewer.role]['audit.view'] === 'everyone';
  const here = getPathname({ href: '/admin/audit', locale });
  const first = page.events.at(0);
  const last = page.events.at(-1);
  const paged = query.before !== undefined || query.after !== undefined;

  const personCell = (person: AuditLogEntry['actor']) => {
    if (!person) return t('nobody');
    const label = person.name ? `${person.name} (${person.email})` : person.email;
    return can(viewer, 'user.view', person) ? <a href={getPathname({ href: `/admin/users/${person.id}`, locale })}>{label}</a> : label;
  };

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="audit" viewer={viewer} />
      <h1>{t('title')}</h1>
      <p>{everyone ? t('intro') : t('introManager', { team: viewer.teamName ?? '' })}</p>
      <form method="get" action={here} className="filters" role="search">
        <div className="filter-row">
          <div className="stack">
            <label htmlFor="actor">{t('actor')}</label>
            <input id="actor" name="actor" type="search" defaultValue={filters.actor} maxLength={200} />
          </div>
          <div className="stack">
            <label htmlFor="target">{t('target')}</label>
            <input id="target" name="target" type="search" defaultValue={filters.target} maxLength={200} />
          </div>
          <div className="stack">
            <label htmlFor="event">{t('event')}</label>
            <select id="event" name="event" defaultValue={filters.event}>
              <option value="">{t('anyEvent')}</option>
              {auditEventNames.map((event) => (
                <option key={event} value={event}>
                  {describe(event)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="filter-row">
          <div className="stack">
            <label htmlFor="from">{t('from')}</label>
            <input id="from" name="from" type="date" defaultValue={filters.from} aria-describedby={problem ? 'dates-error' : undefined} />
          </div>
          <div className="stack">
            <label htmlFor="to">{t('to')}</label>
            <input id="to" name="to" type="date" defaultValue={filters.to} aria-describedby={problem ? 'dates-error' : undefined} />
          </div>
        </div>
        <p id="dates-error" className="error" role="alert">
          {problem && t(`problems.${problem}`)}
        </p>
        <div className="actions">
          <button type="submit" className="secondary">
            {t('apply')}
          </button>
          <a href={here}>{t('clear')}</a>
        </div>
      </form>

      {page.events.length === 0 ? (
        !problem && <p>{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.time'), t('columns.event'), t('columns.actor'), t('columns.target'), t('columns.ip'), t('columns.details')]}>
          {page.events.map((row) => (
            <tr key={row.id} data-event={row.event}>
              <td>
                <time dateTime={row.occurredAt.toISOString()}>
                  {format.dateTime(row.occurredAt, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })}
                </time>
              </td>
              <td>{describe(row.event)}</td>
              <td>{personCell(row.actor)}</td>
              <td>{personCell(row.target)}</td>
              <td>{row.ip ?? t('nobody')}</td>
              <td>
                {Object.entries(row.detail)
                  .map(([key, value]) => `${key}: ${String(value)}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {(page.older || page.newer || paged) && (
        <nav aria-label={t('pagination')}>
          <ul className="help-links">
            {page.newer && first && (
              <li>
                <a href={getPathname({ href: auditLogHref(filters, { after: first.id }), locale })}>{t('newer')}</a>
              </li>
            )}
            {page.older && last && (
              <li>
                <a href={getPathname({ href: auditLogHref(filters, { before: last.id }), locale })}>{t('older')}</a>
              </li>
            )}
            {paged && (
              <li>
                <a href={getPathname({ href: auditLogHref(filters), locale })}>{t('newest')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </section>
  );
}
