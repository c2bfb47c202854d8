import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { AppLocale } from '@/lib/i18n/routing';
import { CodeEntryCard } from '../../code-entry-card';
import { magicCodeAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ sent?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'MagicLink' }))('codeTitle') };
}

export default async function MagicCodePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { sent } = await searchParams;
  return <CodeEntryCard locale={locale} flow={{ namespace: 'MagicLink', askAgainPath: '/magic-link' }} sent={!!sent} action={magicCodeAction} />;
}
