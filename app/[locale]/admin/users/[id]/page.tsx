import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AccessCodeSheet } from '@/components/admin/access-code-sheet';
import { AccessKeysSection } from '@/components/admin/access-keys-section';
import { CompanyIdentitiesSection } from '@/components/admin/company-identities-section';
import { PasskeysSection } from '@/components/admin/passkeys-section';
import { AdminNav } from '@/components/admin/admin-nav';
import { SetPasswordForm } from '@/components/admin/set-password-form';
import { ConfirmPanel } from '@/components/confirm-panel';
import { newPasswordText } from '@/components/form-text';
import { secretOnDisplay } from '@/lib/admin/secret-on-display';
import { isUserOperation, userOperationNames, userOperations, type UserOperation } from '@/lib/admin/user-operations';
import { formatPhone } from '@/lib/auth/identifiers';
import { findUserInScope } from '@/lib/admin/users-in-scope';
import { env } from '@/lib/env';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { requirePermission } from '@/lib/permissions/require-permission';
import * as actions from './actions';

type Props = {
  params: Promise<{ locale: AppLocale; id: string }>;
  searchParams: Promise<{ confirm?: string; done?: string; problem?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.users' }))('title') };
}

const actionFor: Record<UserOperation, (posted: FormData) => Promise<void>> = {
  unlock: actions.unlockAction,
  sendResetLink: actions.sendResetLinkAction,
  randomPassword: actions.randomPasswordAction,
  accessCode: actions.accessCodeAction,
  signOutEverywhere: actions.signOutEverywhereAction,
  resetTwoStep: actions.resetTwoStepAction,
  resendActivation: actions.resendActivationAction,
  deactivate: actions.deactivateAction,
  reactivate: actions.reactivateAction,
};

/** One account as the actor may see it, with what they may do for it, each confirmed first. */
export default async function AdminUserPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const session = await requirePermission(locale, 'user.view', `/admin/users/${id}`);
  const actor = session.user;
  // Out of reach and nonexistent look the same.
  const user = await findUserInScope(actor, 'user.view', id);
  if (!user) notFound();
  const [t, ta, tc, format, accessCode] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.user' }),
    getTranslations({ locale, namespace: 'Admin' }),
    getTranslations({ locale, namespace: 'Admin.create' }),
    getFormatter({ locale }),
    secretOnDisplay(actor.id, user.id, 'accessCode'),
  ]);
  const name = user.name || user.email;
  const here = getPathname({ href: `/admin/users/${user.id}`, locale });
  const offered = userOperationNames.filter((operation) => userOperations[operation].applies(user) && can(actor, userOperations[operation].permission, user));
  const confirming = isUserOperation(query.confirm) && offered.includes(query.confirm) ? query.confirm : null;
  const canSetPassword = user.state === 'active' && can(actor, 'user.setPassword', user);
  const done =
    query.done === 'setPassword' || query.done === 'setPasswordTemporary'
      ? t(query.done === 'setPassword' ? 'setPassword.done' : 'setPassword.doneTemporary', { name })
      : query.done === 'created'
        ? tc('done', { name, email: user.email })
        : isUserOperation(query.done) && (query.done !== 'accessCode' || accessCode)
          ? t(`ops.${query.done}.done`, { name })
          : null;
  const problem = query.problem === 'setPassword' ? t('setPassword.notApplicable') : isUserOperation(query.problem) ? t(`ops.${query.problem}.notApplicable`) : null;
  const state = user.locked && user.state === 'active' ? 'locked' : user.state;
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : t('never'));

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="users" viewer={actor} />
      <h1>{name}</h1>
      {(done || problem) && (
        <p className="notice" role="status">
          {done ?? problem}
        </p>
      )}
      {accessCode && <AccessCodeSheet locale={locale} held={accessCode} name={name} userLocale={user.locale} done={actions.forgetSecretAction} />}
      <dl className="details">
        <div>
          <dt>{t('details.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('details.username')}</dt>
          <dd>{user.username ?? t('none')}</dd>
        </div>
        <div>
          <dt>{t('details.phone')}</dt>
          <dd>{user.phone ? formatPhone(user.phone) : t('none')}</dd>
        </div>
        <div>
          <dt>{t('details.role')}</dt>
          <dd>{ta(`roles.${user.role}`)}</dd>
        </div>
        <div>
          <dt>{t('details.team')}</dt>
          <dd>{user.teamName ?? t('none')}</dd>
        </div>
        <div>
          <dt>{t('details.state')}</dt>
          <dd data-state={state}>{ta(`states.${state}`)}</dd>
        </div>
        <div>
          <dt>{t('details.twoStep')}</dt>
          <dd>{user.totpEnabledAt || user.emailOtpEnabled ? t('twoStepOn') : t('twoStepOff')}</dd>
        </div>
        <div>
          <dt>{t('details.lastSignIn')}</dt>
          <dd>{when(user.lastSignInAt)}</dd>
        </div>
        <div>
          <dt>{t('details.created')}</dt>
          <dd>{when(user.createdAt)}</dd>
        </div>
      </dl>

      {confirming ? (
        <ConfirmPanel
          id="confirm-title"
          title={t('confirmTitle')}
          action={actionFor[confirming]}
          fields={{ locale, userId: user.id }}
          submit={t(`ops.${confirming}.label`)}
          cancel={{ href: here, label: t('cancel') }}
        >
          <p>{t(`ops.${confirming}.confirm`, { name })}</p>
        </ConfirmPanel>
      ) : (
        offered.length > 0 && (
          <section aria-labelledby="actions-title" className="stack">
            <h2 id="actions-title">{t('actionsTitle')}</h2>
            <ul className="help-links">
              {offered.map((operation) => (
                <li key={operation}>
                  <a href={`${here}?confirm=${operation}`}>{t(`ops.${operation}.label`)}</a>
                </li>
              ))}
            </ul>
          </section>
        )
      )}

      {canSetPassword && !confirming && (
        <section aria-labelledby="password-title" className="stack">
          <h2 id="password-title">{t('setPassword.title')}</h2>
          <p>{t('setPassword.intro')}</p>
          <SetPasswordForm
            locale={locale}
            action={actions.setPasswordAction}
            userId={user.id}
            username={user.email}
            minLength={env().PASSWORD_MIN_LENGTH}
            text={{ fields: await newPasswordText(locale), temporary: t('setPassword.temporary'), submit: t('setPassword.submit'), working: t('working') }}
          />
        </section>
      )}
      {!confirming && can(actor, 'user.passkeys', user) && <PasskeysSection locale={locale} actor={actor} user={user} query={query} />}
      {!confirming && can(actor, 'user.ssoIdentities', user) && <CompanyIdentitiesSection locale={locale} actor={actor} user={user} query={query} />}
      {!confirming && can(actor, 'user.accessKeys', user) && <AccessKeysSection locale={locale} actor={actor} user={user} query={query} />}
      <ul className="help-links">
        <li>
          <a href={getPathname({ href: '/admin/users', locale })}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
