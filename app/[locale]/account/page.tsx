import type { ReactNode } from 'react';
import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { phoneRegionOptions } from '@/components/form-text';
import { requireSession } from '@/lib/auth/current-session';
import { isRecentlyConfirmed } from '@/lib/auth/recent-confirmation';
import { formatPhone } from '@/lib/auth/identifiers';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { regionOfPhone } from '@/lib/phone/regions';
import { ProfileForm } from './profile-form';
import { signOutAction } from './actions';

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{ changed?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Account' });
  return { title: t('title') };
}

export default async function AccountPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requireSession(locale, '/account');
  const { user } = session;
  const t = await getTranslations({ locale, namespace: 'Account' });
  const languages = await getTranslations({ locale, namespace: 'LanguageNames' });
  const format = await getFormatter({ locale });

  const rows: Array<[string, ReactNode | null]> = [
    [t('email'), user.email],
    [t('username'), user.username],
    [t('role'), t(`roles.${user.role}`)],
    [t('team'), user.teamName],
    [
      t('lastSignIn'),
      user.lastSignInAt ? (
        <time dateTime={user.lastSignInAt.toISOString()}>{format.dateTime(user.lastSignInAt, { dateStyle: 'long', timeStyle: 'short' })}</time>
      ) : null,
    ],
  ];

  const notice = await searchParams;
  const twoStepOn = !!user.totpEnabledAt || user.emailOtpEnabled;

  return (
    <>
      <section className="card">
        <h1>{t('title')}</h1>
        {(notice.changed === 'password' || notice.changed === 'profile') && (
          <p className="notice" role="status">
            {t(`changed.${notice.changed}`)}
          </p>
        )}
        <p className="identity">{t('greeting', { name: user.name || user.email })}</p>
        <h2>{t('details')}</h2>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ?? <span className="muted">{t('notSet')}</span>}</dd>
            </div>
          ))}
        </dl>
        <h2>{t('profile')}</h2>
        <ProfileForm
          locale={locale}
          current={{ name: user.name, phone: user.phone ? formatPhone(user.phone) : '', language: user.locale }}
          languages={routing.locales.map((value) => ({ value, label: languages(value) }))}
          phoneRegion={await phoneRegionOptions(locale, regionOfPhone(user.phone))}
          text={{
            name: t('name'),
            phone: t('phone'),
            phoneHint: t('phoneHint'),
            language: t('language'),
            languageHint: t('languageHint'),
            submit: t('saveProfile'),
            pending: t('saving'),
          }}
        />
        {!isRecentlyConfirmed(session) && (
          <p>
            <a href={`/${locale}/account/confirm?${new URLSearchParams({ next: `/${locale}/account` })}`}>{t('confirmForPhone')}</a>
          </p>
        )}
        <h2>{t('security')}</h2>
        <dl className="details">
          <div>
            <dt>{t('twoStep')}</dt>
            <dd>{twoStepOn ? t('twoStepOn') : t('twoStepOff')}</dd>
          </div>
        </dl>
        <ul className="help-links">
          <li>
            <a href={`/${locale}/account/password`}>{t('changePassword')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/email`}>{t('manageEmail')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/two-step`}>{t('manageTwoStep')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/security-question`}>{t('manageQuestion')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/passkeys`}>{t('managePasskeys')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/sessions`}>{t('manageSessions')}</a>
          </li>
          <li>
            <a href={`/${locale}/account/activity`}>{t('activity')}</a>
          </li>
          {can(user, 'users.list') && (
            <li>
              <a href={`/${locale}/admin/users`}>{t('admin')}</a>
            </li>
          )}
        </ul>
        <form action={signOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="secondary">
            {t('signOut')}
          </button>
        </form>
      </section>
    </>
  );
}
