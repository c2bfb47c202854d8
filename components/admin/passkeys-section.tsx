import { getTranslations } from 'next-intl/server';
import { removeUserPasskeyAction } from '@/app/[locale]/admin/users/[id]/passkey-actions';
import { UserPageSection } from '@/components/admin/user-page-section';
import { ConfirmPanel } from '@/components/confirm-panel';
import { PasskeyTable } from '@/components/passkeys/passkey-table';
import { passkeysOf } from '@/lib/admin/passkeys';
import type { AdminUser } from '@/lib/admin/users-in-scope';
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
    <UserPageSection id="passkeys" title={t('title')} intro={t('intro', { name })} notice={notice}>
      {removing && (
        <ConfirmPanel
          id="passkey-confirm-title"
          heading="h3"
          title={t('confirmTitle')}
          action={removeUserPasskeyAction}
          fields={{ locale, userId: user.id, passkeyId: removing.id }}
          submit={t('remove')}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>{t('confirm', { passkey: removing.name, name })}</p>
        </ConfirmPanel>
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
    </UserPageSection>
  );
}
