import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { newPasswordText, passwordToggleText } from '@/components/form-text';
import { requireSession } from '@/lib/auth/current-session';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { ChangePasswordForm } from './change-password-form';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'ChangePassword' }))('title') };
}

export default async function ChangePasswordPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user } = await requireSession(locale, '/account/password');
  const t = await getTranslations({ locale, namespace: 'ChangePassword' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ChangePasswordForm
        locale={locale}
        username={user.username ?? user.email}
        minLength={env().PASSWORD_MIN_LENGTH}
        text={{
          currentLabel: t('currentLabel'),
          currentToggle: await passwordToggleText(locale, 'Current'),
          fields: await newPasswordText(locale),
          submit: t('submit'),
          pending: t('pending'),
        }}
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('cancel')}</a>
        </li>
      </ul>
    </section>
  );
}
