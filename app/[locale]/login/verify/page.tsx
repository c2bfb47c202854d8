import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SingleFieldForm } from '@/components/single-field-form';
import { challengeFromCookie } from '@/lib/auth/challenge-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { describeChallenge } from '@/lib/auth/second-factor-offer';
import { StepEndedCard } from '../step-ended-card';
import type { AppLocale } from '@/lib/i18n/routing';
import { sendEmailCodeAction, verifySecondFactorAction } from './actions';

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Verify' }))('title') };
}

/** The second step of a sign-in, for accounts with 2-step verification. */
export default async function VerifyPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl, locale);
  const t = await getTranslations({ locale, namespace: 'Verify' });
  const challenge = await describeChallenge(await challengeFromCookie());

  if (!challenge) {
    return <StepEndedCard locale={locale} step="Verify" />;
  }

  const form = (method: 'totp' | 'email' | 'recovery', autoFocus: boolean) => (
    <SingleFieldForm
      id={method}
      locale={locale}
      action={verifySecondFactorAction}
      field={
        method === 'recovery'
          ? { kind: 'code', name: 'code', numeric: false }
          : { kind: 'code', name: 'code', numeric: true, autoComplete: 'one-time-code' }
      }
      hidden={{ method, callbackUrl }}
      text={{ label: t(`${method}.label`), hint: t(`${method}.hint`), submit: t('submit'), pending: t('checking') }}
      autoFocus={autoFocus}
    />
  );
  const emailSent = query.email === 'sent' || challenge.emailCodeSent;
  const first = challenge.methods[0];

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {challenge.emailNotAfterLink && <p className="notice">{t('email.notAfterLink')}</p>}
      {challenge.methods.includes('totp') && (
        <section aria-labelledby="totp-title" className="stack">
          <h2 id="totp-title">{t('totp.title')}</h2>
          {form('totp', first === 'totp')}
        </section>
      )}
      {challenge.methods.includes('email') && (
        <section aria-labelledby="email-title" className="stack">
          <h2 id="email-title">{t('email.title')}</h2>
          {query.email === 'sent' && (
            <p className="notice" role="status">
              {t('email.sent')}
            </p>
          )}
          {(query.email === 'limit' || query.email === 'hourLimit') && (
            <p className="notice" role="status">
              {t(`email.${query.email}`)}
            </p>
          )}
          {emailSent && form('email', first === 'email')}
          <form action={sendEmailCodeAction}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button type="submit" className={emailSent ? 'secondary' : undefined}>
              {emailSent ? t('email.sendAgain') : t('email.send')}
            </button>
          </form>
        </section>
      )}
      {challenge.methods.includes('recovery') && (
        <section aria-labelledby="recovery-title" className="stack">
          <h2 id="recovery-title">{t('recovery.title')}</h2>
          {form('recovery', false)}
        </section>
      )}
      <ul className="help-links">
        <li>
          <a href={`/${locale}/help/cant-sign-in#two-step`}>{t('lostDevice')}</a>
        </li>
        <li>
          <a href={`/${locale}/login`}>{t('cancel')}</a>
        </li>
      </ul>
    </section>
  );
}
