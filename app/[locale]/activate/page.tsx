import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { identifierRequestText, newPasswordText, phoneRegionOptions } from '@/components/form-text';
import { IdentifierRequestForm } from '@/components/recovery/identifier-request-form';
import { TokenProblemCard } from '@/components/recovery/token-problem';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { openActivation } from '@/lib/recovery/activate';
import { securityQuestionKeys } from '@/lib/recovery/security-questions';
import { RecoveryLinks } from '../recovery-links';
import { resendActivationAction, resendExpiredActivationAction } from './actions';
import { ActivationForm } from './activation-form';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ token?: string; sent?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Activate' }))('title') };
}

export default async function ActivatePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'Activate' });

  if (query.token === undefined) {
    return (
      <section className="card">
        <h1>{t('resendTitle')}</h1>
        {query.sent && (
          <p className="notice" role="status">
            {t('resent')}
          </p>
        )}
        <p>{t('resendIntro')}</p>
        <IdentifierRequestForm
          locale={locale}
          action={resendActivationAction}
          phoneRegion={await phoneRegionOptions(locale)}
          text={await identifierRequestText(locale, t('resendSubmit'))}
        />
        <RecoveryLinks locale={locale} />
      </section>
    );
  }

  const opened = await openActivation(query.token);
  if (!opened.ok) {
    // An account its company signs in is activated by signing in there, not by a new link.
    const next =
      opened.problem === 'companySignIn'
        ? { href: `/${locale}/login`, label: (await getTranslations({ locale, namespace: 'Recovery' }))('backToSignIn') }
        : { href: `/${locale}/activate`, label: t('resendTitle') };
    if (opened.problem !== 'expired') return <TokenProblemCard problem={opened.problem} action={next} />;
    return (
      <TokenProblemCard problem="expired">
        <form action={resendExpiredActivationAction} className="stack">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="token" value={query.token} />
          <button type="submit">{t('resendSubmit')}</button>
        </form>
      </TokenProblemCard>
    );
  }

  const questions = await getTranslations({ locale, namespace: 'SecurityQuestions' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ActivationForm
        locale={locale}
        token={query.token}
        username={opened.email}
        minLength={env().PASSWORD_MIN_LENGTH}
        questions={securityQuestionKeys.map((key) => ({ key, label: questions(key) }))}
        text={{
          fields: await newPasswordText(locale),
          questionLabel: t('questionLabel'),
          questionPlaceholder: t('questionPlaceholder'),
          answerLabel: t('answerLabel'),
          answerHint: t('answerHint'),
          submit: t('submit'),
          submitting: t('submitting'),
        }}
      />
    </section>
  );
}
