import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { hasLocale, NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import { routing } from '@/lib/i18n/routing';
import '../globals.css';

// What client components translate; the rest of the catalogue (emails above all) stays on the
// server instead of being sent with every page.
const CLIENT_NAMESPACES = ['Error', 'LanguageNames', 'Login', 'Recovery', 'ResetPassword', 'Activate'] as const;

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
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'Metadata' });
  const messages = await getMessages({ locale });
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));

  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={clientMessages}>
          <a className="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header className="site-header">
            <span className="brand">{meta('siteName')}</span>
            <LanguageSwitcher label={t('languageSwitcher')} />
          </header>
          <main id="main" className="page">
            {children}
          </main>
          <footer className="site-footer">{t('footer')}</footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
