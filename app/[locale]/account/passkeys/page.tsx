import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ConfirmPanel } from '@/components/confirm-panel';
import { AddPasskeyForm } from '@/components/passkeys/add-passkey-form';
import { PasskeyTable } from '@/components/passkeys/passkey-table';
import { requireRecentSession } from '@/lib/auth/current-session';
import { listPasskeys } from '@/lib/db/passkeys';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { addPasskeyAction, passkeyOptionsAction, removePasskeyAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Passkeys' }))('title') };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** The account's passkeys: add one (with JavaScript), see when each was used, remove one. */
export default async function PasskeysPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const session = await requireRecentSession(locale, '/account/passkeys');
  const [t, passkeys] = await Promise.all([getTranslations({ locale, namespace: 'Passkeys' }), listPasskeys(session.user.id)]);
  const done = (['added', 'removed'] as const).find((name) => name === one(query.done));
  const removing = passkeys.find((passkey) => passkey.id === one(query.remove));
  const here = (query: Record<string, string> = {}) => getPathname({ href: { pathname: '/account/passkeys', query }, locale });

  return (
    <section className="card" id="passkeys">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <div role="status">
        {done && <p className="notice">{t(`done.${done}`)}</p>}
        {one(query.problem) === 'gone' && <p className="notice">{t('errors.gone')}</p>}
      </div>
      {removing && (
        <ConfirmPanel
          id="remove-title"
          title={t('remove')}
          action={removePasskeyAction}
          fields={{ locale, passkeyId: removing.id }}
          submit={t('remove')}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>{t('removeConfirm', { name: removing.name })}</p>
        </ConfirmPanel>
      )}
      {passkeys.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <h2>{t('listLabel')}</h2>
          <PasskeyTable
            locale={locale}
            passkeys={passkeys}
            removeHref={(id) => here({ remove: id })}
            text={{
              columns: [t('columns.name'), t('columns.created'), t('columns.lastUsed'), t('columns.action')],
              never: t('never'),
              remove: t('remove'),
              removeNamed: (name) => t('removeNamed', { name }),
            }}
          />
        </>
      )}
      <noscript>
        <p className="muted">{t('noScript')}</p>
      </noscript>
      <AddPasskeyForm
        locale={locale}
        optionsAction={passkeyOptionsAction}
        addAction={addPasskeyAction}
        text={{ label: t('nameLabel'), hint: t('nameHint'), submit: t('add'), working: t('adding'), failed: t('errors.failed'), unsupported: t('unsupported') }}
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
