import { getFormatter, getTranslations } from 'next-intl/server';
import type { CurrentSession } from '@/lib/auth/current-session';
import { listUserSessions } from '@/lib/db/sessions';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { describeUserAgent } from '@/lib/user-agent';
import { revokeOtherSessionsAction, revokeSessionAction } from './actions';

export async function SessionsSection({
  locale,
  session,
  notice,
}: {
  locale: AppLocale;
  session: CurrentSession;
  notice: { sessions?: string; revokedOthers?: string };
}) {
  const t = await getTranslations({ locale, namespace: 'Sessions' });
  const format = await getFormatter({ locale });
  const sessions = await listUserSessions(session.user.id, env().SESSION_IDLE_MINUTES);
  const others = sessions.filter((row) => row.id !== session.sessionId);
  const revokedOthers = Number.parseInt(notice.revokedOthers ?? '', 10);

  return (
    <section className="card" id="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('title')}</h2>
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
    </section>
  );
}
