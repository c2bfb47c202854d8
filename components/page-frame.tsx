import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import type { AppLocale } from '@/lib/i18n/routing';
import '@/app/globals.css';

// What client components translate; the rest of the catalogue (emails above all) stays on the
// server instead of being sent with every page.
const CLIENT_NAMESPACES = ['Error', 'LanguageNames', 'Login', 'Recovery', 'ResetPassword', 'Activate'] as const;

/**
 * The document around every page: language, skip link, header with the language switcher,
 * footer. Shared by the locale layout and by the not-found page, which Next.js renders
 * outside of any layout that knows the language.
 */
export async function PageFrame({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'Metadata' });
  const messages = await getMessages({ locale });
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));

  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={clientMessages}>
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
