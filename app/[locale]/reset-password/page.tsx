import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { newPasswordText } from '@/components/form-text';
import { TokenProblemCard } from '@/components/recovery/token-problem';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { openReset } from '@/lib/recovery/reset-password';
import { NewPasswordForm } from '@/components/recovery/new-password-form';
import { completeResetAction } from './actions';
import { SecurityAnswerForm } from './reset-forms';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ token?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'ResetPassword' }))('title') };
}

/** Opening the link spends nothing: each step is a form, and only the last one uses the link. */
export default async function ResetPasswordPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'ResetPassword' });
  const askAgain = { href: `/${locale}/forgot-password`, label: t('askAgain') };
  const step = await openReset(query.token);
  if (!step.ok) return <TokenProblemCard problem={step.problem} action={askAgain} />;
  const token = query.token ?? '';

  if (step.step === 'question') {
    const questions = await getTranslations({ locale, namespace: 'SecurityQuestions' });
    return (
      <section className="card">
        <h1>{t('questionTitle')}</h1>
        <p>{t('questionIntro')}</p>
        <SecurityAnswerForm
          locale={locale}
          token={token}
          question={questions(step.question)}
          text={{ answerLabel: t('answerLabel'), answerHint: t('answerHint'), answerSubmit: t('answerSubmit') }}
        />
      </section>
    );
  }
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <NewPasswordForm
        locale={locale}
        action={completeResetAction}
        hidden={{ token }}
        username={step.username}
        minLength={env().PASSWORD_MIN_LENGTH}
        text={{ fields: await newPasswordText(locale), submit: t('submit'), submitting: t('submitting') }}
      />
    </section>
  );
}
