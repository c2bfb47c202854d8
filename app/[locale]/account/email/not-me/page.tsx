import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TokenButtonCard } from '@/components/recovery/token-button-card';
import { TokenProblemCard } from '@/components/recovery/token-problem';
import { openCancelLink } from '@/lib/account/email-change';
import type { AppLocale } from '@/lib/i18n/routing';
import { cancelEmailChangeAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ token?: string; done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'EmailChange' }))('notMeTitle') };
}

/** "This wasn't me", from the old mailbox; opening the link changes nothing, the button does. */
export default async function EmailChangeNotMePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { token, done } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'EmailChange' });
  if (done) {
    return (
      <section className="card">
        <h1>{t('notMeTitle')}</h1>
        <p role="status">{t('notMeDone')}</p>
      </section>
    );
  }
  const opened = await openCancelLink(token);
  if (!opened.ok) return <TokenProblemCard problem={opened.problem} action={{ href: `/${locale}/forgot-password`, label: t('resetInstead') }} />;
  return (
    <TokenButtonCard
      title={t('notMeTitle')}
      intro={t('notMeIntro')}
      locale={locale}
      token={token!}
      action={cancelEmailChangeAction}
      submit={t('notMeSubmit')}
    />
  );
}
