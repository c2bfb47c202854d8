import { getTranslations } from 'next-intl/server';
import { removeUserPasskeyAction } from '@/app/[locale]/admin/users/[id]/passkey-actions';
import { PasskeyTable } from '@/components/passkeys/passkey-table';
import { passkeysOf } from '@/lib/admin/passkeys';
import type { AdminUser } from '@/lib/db/users-in-scope';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { Actor } from '@/lib/permissions/can';

type Query = Record<string, string | string[] | undefined>;

/** The passkeys of one account, on its admin page: when each was added and used, and removal (confirmed). */
export async function PasskeysSection({ locale, actor, user, query }: { locale: AppLocale; actor: Actor; user: AdminUser; query: Query }) {
  const passkeys = await passkeysOf(actor, user.id);
  if (!passkeys) return null;
  const t = await getTranslations({ locale, namespace: 'Admin.passkeys' });
  const one = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const here = (search: Record<string, string> = {}) => getPathname({ href: { pathname: `/admin/users/${user.id}`, query: search }, locale });
  const name = user.name || user.email;
  const removing = one('confirm') === 'removePasskey' ? passkeys.find((passkey) => passkey.id === one('passkey')) : undefined;
  const notice =
    one('done') === 'passkeyRemoved' ? t('done') : one('problem') === 'passkeyGone' ? t('gone') : null;

  return (
    <section aria-labelledby="passkeys-title" className="stack" id="passkeys">
      <h2 id="passkeys-title">{t('title')}</h2>
      <p>{t('intro', { name })}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {removing && (
        <section aria-labelledby="passkey-confirm-title" className="stack confirm">
          <h3 id="passkey-confirm-title">{t('confirmTitle')}</h3>
          <p>{t('confirm', { passkey: removing.name, name })}</p>
          <form action={removeUserPasskeyAction} className="actions">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="passkeyId" value={removing.id} />
            <button type="submit">{t('remove')}</button>
            <a href={here()}>{t('cancel')}</a>
          </form>
        </section>
      )}
      {passkeys.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <PasskeyTable
          locale={locale}
          passkeys={passkeys}
          removeHref={(id) => here({ confirm: 'removePasskey', passkey: id })}
          text={{
            columns: [t('columns.name'), t('columns.created'), t('columns.lastUsed'), t('columns.action')],
            never: t('never'),
            remove: t('remove'),
            removeNamed: (passkey) => t('removeNamed', { passkey }),
          }}
        />
      )}
    </section>
  );
}
