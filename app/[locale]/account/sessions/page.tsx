import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { requireSession } from '@/lib/auth/current-session';
import { listUserSessions } from '@/lib/db/sessions';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { describeUserAgent } from '@/lib/user-agent';
import { revokeOtherSessionsAction, revokeSessionAction } from './actions';

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{ sessions?: string; revokedOthers?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Sessions' }))('title') };
}

/** Every browser signed in to the account: sign out one, or all the others. */
export default async function SessionsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const notice = await searchParams;
  const session = await requireSession(locale, '/account/sessions');
  const t = await getTranslations({ locale, namespace: 'Sessions' });
  const format = await getFormatter({ locale });
  const sessions = await listUserSessions(session.user.id, env().SESSION_IDLE_MINUTES);
  const others = sessions.filter((row) => row.id !== session.sessionId);
  const revokedOthers = Number.parseInt(notice.revokedOthers ?? '', 10);

  return (
    <section className="card" id="sessions">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <div role="status">
        {notice.sessions === 'revoked' && <p className="notice">{t('revoked')}</p>}
        {notice.sessions === 'missing' && <p className="notice">{t('notFound')}</p>}
        {Number.isInteger(revokedOthers) && revokedOthers >= 0 && (
          <p className="notice">{t('revokedOthers', { count: revokedOthers })}</p>
        )}
      </div>
      <ul className="sessions">
        {sessions.map((row) => {
          const device = describeUserAgent(row.userAgent);
          return (
            <li key={row.id} data-session={row.id === session.sessionId ? 'current' : 'other'}>
              <strong>{device ? t('device', device) : t('unknownDevice')}</strong>
              {row.id === session.sessionId && <span className="badge">{t('thisDevice')}</span>}
              <br />
              <span className="muted">
                {t('lastActive', { time: format.relativeTime(row.lastSeenAt) })} ·{' '}
                {t('started', { time: format.dateTime(row.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                {row.ip && <> · {t('fromAddress', { ip: row.ip })}</>}
              </span>
              {row.id !== session.sessionId && (
                <form action={revokeSessionAction}>
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="sessionId" value={row.id} />
                  <button type="submit" className="link">
                    {t('signOutOne')}
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <form action={revokeOtherSessionsAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="secondary">
            {t('signOutOthers')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('noOthers')}</p>
      )}
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
