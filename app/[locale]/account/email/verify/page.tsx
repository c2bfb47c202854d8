import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TokenButtonCard } from '@/components/recovery/token-button-card';
import { TokenProblemCard } from '@/components/recovery/token-problem';
import { openEmailChangeLink } from '@/lib/account/email-change';
import type { AppLocale } from '@/lib/i18n/routing';
import { confirmEmailLinkAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ token?: string; done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'EmailChange' }))('confirmTitle') };
}

/** Mail scanners open links: this page only shows a button, and the button's POST changes the address. */
export default async function EmailChangeVerifyPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { token, done } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'EmailChange' });
  if (done) {
    return (
      <section className="card">
        <h1>{t('title')}</h1>
        <p role="status">{t('confirmDone')}</p>
        <p>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </p>
      </section>
    );
  }
  const opened = await openEmailChangeLink(token);
  if (!opened.ok) return <TokenProblemCard problem={opened.problem} action={{ href: `/${locale}/account/email`, label: t('askAgain') }} />;
  return (
    <TokenButtonCard
      title={t('confirmTitle')}
      intro={t('confirmIntro')}
      locale={locale}
      token={token!}
      action={confirmEmailLinkAction}
      submit={t('confirmSubmit')}
    >
      <p>
        <strong>{opened.token.newEmail}</strong>
      </p>
    </TokenButtonCard>
  );
}
