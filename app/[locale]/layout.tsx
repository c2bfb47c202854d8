import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageFrame } from '@/components/page-frame';
import { routing } from '@/lib/i18n/routing';
import { requestIdOf } from '@/lib/observability/logger';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return { title: { default: t('siteName'), template: `%s · ${t('siteName')}` }, description: t('tagline') };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Every page is rendered per request: the CSP nonce and the session are per request.
  await connection();
  // The error page shows it, so that a person can quote what the log lines carry.
  return (
    <PageFrame locale={locale} requestId={requestIdOf(await headers())}>
      {children}
    </PageFrame>
  );
}
