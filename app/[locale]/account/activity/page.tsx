import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { requireSession } from '@/lib/auth/current-session';
import { listUserActivity } from '@/lib/db/audit';
import { auditEventWords } from '@/lib/i18n/audit-events';
import type { AppLocale } from '@/lib/i18n/routing';

const PAGE_SIZE = 20;

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ before?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Activity' }))('title') };
}

/** The account's own security events, in the person's language, newest first. */
export default async function ActivityPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requireSession(locale, '/account/activity');
  const before = Number.parseInt((await searchParams).before ?? '', 10);
  const page = await listUserActivity(session.user.id, { before: Number.isSafeInteger(before) && before > 0 ? before : undefined, limit: PAGE_SIZE });
  const t = await getTranslations({ locale, namespace: 'Activity' });
  const format = await getFormatter({ locale });
  const describe = await auditEventWords(locale);
  const last = page.events.at(-1);

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {page.events.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ol className="activity">
          {page.events.map((row) => (
            <li key={row.id}>
              <strong>{describe(row.event)}</strong>
              <br />
              <span className="muted">
                <time dateTime={row.occurredAt.toISOString()}>
                  {format.dateTime(row.occurredAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
                {row.ip && <> · {t('from', { ip: row.ip })}</>}
              </span>
            </li>
          ))}
        </ol>
      )}
      <ul className="help-links">
        {page.hasMore && last && (
          <li>
            <a href={`/${locale}/account/activity?before=${last.id}`}>{t('older')}</a>
          </li>
        )}
        {Number.isSafeInteger(before) && (
          <li>
            <a href={`/${locale}/account/activity`}>{t('newest')}</a>
          </li>
        )}
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
