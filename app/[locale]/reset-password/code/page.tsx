import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { AppLocale } from '@/lib/i18n/routing';
import { CodeEntryCard } from '../../code-entry-card';
import { resetCodeAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ sent?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'ForgotPassword' }))('codeTitle') };
}

export default async function ResetCodePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { sent } = await searchParams;
  return <CodeEntryCard locale={locale} flow={{ namespace: 'ForgotPassword', askAgainPath: '/forgot-password' }} sent={!!sent} action={resetCodeAction} />;
}
