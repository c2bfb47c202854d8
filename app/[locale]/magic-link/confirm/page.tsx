import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TokenButtonCard } from '@/components/recovery/token-button-card';
import { TokenProblemCard } from '@/components/recovery/token-problem';
import type { AppLocale } from '@/lib/i18n/routing';
import { openMagicLink } from '@/lib/recovery/magic-link';
import { confirmMagicLinkAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ token?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'MagicLink' }))('confirmTitle') };
}

/** Email scanners open links: this page only shows a button, and the button's POST signs in. */
export default async function MagicLinkConfirmPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { token } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'MagicLink' });
  const opened = await openMagicLink(token);
  if (!opened.ok) {
    return <TokenProblemCard problem={opened.problem} action={{ href: `/${locale}/magic-link`, label: t('askNew') }} />;
  }
  return (
    <TokenButtonCard
      title={t('confirmTitle')}
      intro={t('confirmIntro')}
      locale={locale}
      token={token!}
      action={confirmMagicLinkAction}
      submit={t('confirmSubmit')}
    />
  );
}
