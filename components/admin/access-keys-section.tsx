import { getFormatter, getTranslations } from 'next-intl/server';
import type { ComponentProps } from 'react';
import * as actions from '@/app/[locale]/admin/users/[id]/access-key-actions';
import { forgetSecretAction } from '@/app/[locale]/admin/users/[id]/actions';
import { CopyCodesButton } from '@/components/account/copy-codes-button';
import { UserPageSection } from '@/components/admin/user-page-section';
import { ConfirmPanel } from '@/components/confirm-panel';
import { accessKeysOf, checkAccessKeyName, type AccessKeyNameProblem } from '@/lib/admin/access-keys';
import { secretOnDisplay } from '@/lib/admin/secret-on-display';
import type { AdminUser } from '@/lib/admin/users-in-scope';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { Actor } from '@/lib/permissions/can';
import { DataTable } from '@/components/data-table';

type Query = Record<string, string | string[] | undefined>;

const nameError: Record<AccessKeyNameProblem, 'nameRequired' | 'nameUnsafe' | 'nameTooLong'> = {
  required: 'nameRequired',
  unsafeCharacters: 'nameUnsafe',
  tooLong: 'nameTooLong',
};

/**
 * The API access keys of one account, on its admin page: the list, a new key (named, then
 * confirmed), revoke and regenerate (each confirmed), and a new secret shown once. Every step
 * is a link or a plain form, so it all works without JavaScript.
 */
export async function AccessKeysSection({ locale, actor, user, query }: { locale: AppLocale; actor: Actor; user: AdminUser; query: Query }) {
  const keys = await accessKeysOf(actor, user.id);
  if (!keys) return null;
  const [t, format, shown] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.accessKeys' }),
    getFormatter({ locale }),
    secretOnDisplay(actor.id, user.id, 'accessKey'),
  ]);
  const one = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const here = getPathname({ href: `/admin/users/${user.id}`, locale });
  const name = user.name || user.email;
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const shortKey = (key: { displayPrefix: string }) => `ssm_${key.displayPrefix}…`;
  const named = (key: { name: string; displayPrefix: string }) => ({ key: key.name, prefix: shortKey(key), name });
  const active = user.state === 'active';

  const confirm = one('confirm');
  const target = keys.find((key) => key.id === one('key'));
  const typedName = confirm === 'createKey' ? (one('keyName') ?? '') : '';
  const checkedName = confirm === 'createKey' ? checkAccessKeyName(typedName) : null;
  const confirming: { text: string; button: string; action: ComponentProps<typeof ConfirmPanel>['action']; fields: Record<string, string> } | null =
    checkedName?.ok && active
      ? { text: t('confirm.create', { key: checkedName.name, name }), button: t('confirm.createButton'), action: actions.createAccessKeyAction, fields: { name: checkedName.name } }
      : (confirm === 'revokeKey' || confirm === 'regenerateKey') && target && !target.revokedAt
        ? confirm === 'revokeKey'
          ? { text: t('confirm.revoke', named(target)), button: t('confirm.revokeButton'), action: actions.revokeAccessKeyAction, fields: { keyId: target.id } }
          : { text: t('confirm.regenerate', named(target)), button: t('confirm.regenerateButton'), action: actions.regenerateAccessKeyAction, fields: { keyId: target.id } }
        : null;
  const problem = one('problem');
  const notice =
    one('done') === 'keyRevoked' && target
      ? t('done.revoked', named(target))
      : problem === 'createKey'
        ? t('create.notActive')
        : problem === 'revokeKey' || problem === 'regenerateKey'
          ? t(problem === 'revokeKey' ? 'problem.revoke' : 'problem.regenerate')
          : null;

  return (
    <UserPageSection id="access-keys" title={t('title')} intro={t('intro', { name })} notice={notice}>
      {shown && (
        <section aria-labelledby="new-key-title" className="stack confirm">
          <h3 id="new-key-title">{t('secret.title')}</h3>
          <p>{t('secret.intro', { time: format.dateTime(new Date(shown.expiresAt), { timeStyle: 'short' }) })}</p>
          <p>
            <span className="muted">{t('secret.label')}</span>
            <br />
            <code className="secret" translate="no" data-testid="new-access-key">
              {shown.secret}
            </code>
          </p>
          <p className="muted">{t('secret.usage')}</p>
          <form action={forgetSecretAction} className="actions">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="userId" value={user.id} />
            <CopyCodesButton codes={shown.secret} text={{ copy: t('secret.copy'), copied: t('secret.copied') }} />
            <button type="submit">{t('secret.done')}</button>
          </form>
        </section>
      )}

      {confirming && (
        <ConfirmPanel
          id="key-confirm-title"
          heading="h3"
          title={t('confirm.title')}
          action={confirming.action}
          fields={{ locale, userId: user.id, ...confirming.fields }}
          submit={confirming.button}
          cancel={{ href: here, label: t('confirm.cancel') }}
        >
          <p>{confirming.text}</p>
        </ConfirmPanel>
      )}

      {keys.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.name'), t('columns.key'), t('columns.created'), t('columns.lastUsed'), t('columns.status')]}>
          {keys.map((key) => (
            <tr key={key.id} data-key-id={key.id}>
              <td>{key.name}</td>
              <td>
                <code translate="no">{shortKey(key)}</code>
              </td>
              <td>{when(key.createdAt)}</td>
              <td>{key.lastUsedAt ? when(key.lastUsedAt) : t('never')}</td>
              <td>
                {key.revokedAt ? (
                  t('revoked', { date: when(key.revokedAt) })
                ) : (
                  <span className="actions">
                    {t('live')}
                    <a href={`${here}?confirm=revokeKey&key=${key.id}`} aria-label={t('revokeLabel', { key: key.name })}>
                      {t('revoke')}
                    </a>
                    {active && (
                      <a href={`${here}?confirm=regenerateKey&key=${key.id}`} aria-label={t('regenerateLabel', { key: key.name })}>
                        {t('regenerate')}
                      </a>
                    )}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {active ? (
        !confirming && (
          <form method="get" action={here} className="stack">
            <h3>{t('create.title')}</h3>
            <input type="hidden" name="confirm" value="createKey" />
            <label htmlFor="key-name">{t('create.name')}</label>
            <input
              id="key-name"
              name="keyName"
              type="text"
              required
              maxLength={100}
              autoComplete="off"
              defaultValue={typedName}
              aria-describedby="key-name-hint key-name-error"
              aria-invalid={checkedName && !checkedName.ok ? true : undefined}
            />
            <p id="key-name-hint" className="muted">
              {t('create.hint')}
            </p>
            <p id="key-name-error" className="error" aria-live="polite">
              {checkedName && !checkedName.ok ? t(`errors.${nameError[checkedName.problem]}`) : ''}
            </p>
            <p>
              <button type="submit">{t('create.submit')}</button>
            </p>
          </form>
        )
      ) : (
        <p className="muted">{t('create.notActive')}</p>
      )}
    </UserPageSection>
  );
}
