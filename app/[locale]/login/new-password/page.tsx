import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { newPasswordText } from '@/components/form-text';
import { NewPasswordForm } from '@/components/recovery/new-password-form';
import { challengeFromCookie } from '@/lib/auth/challenge-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { describePasswordChange } from '@/lib/auth/temporary-password-stage';
import { env } from '@/lib/env';
import { StepEndedCard } from '../step-ended-card';
import type { AppLocale } from '@/lib/i18n/routing';
import { chooseOwnPasswordAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ callbackUrl?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'NewPassword' }))('title') };
}

/** After a temporary password (and the second step, if any): the person's own password. */
export default async function NewPasswordPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, locale);
  const t = await getTranslations({ locale, namespace: 'NewPassword' });
  const due = await describePasswordChange(await challengeFromCookie());

  if (!due) {
    return <StepEndedCard locale={locale} step="NewPassword" />;
  }
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <NewPasswordForm
        locale={locale}
        action={chooseOwnPasswordAction}
        hidden={{ callbackUrl }}
        username={due.username}
        minLength={env().PASSWORD_MIN_LENGTH}
        text={{ fields: await newPasswordText(locale), submit: t('submit'), submitting: t('submitting') }}
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/login`}>{t('cancel')}</a>
        </li>
      </ul>
    </section>
  );
}
