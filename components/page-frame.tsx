import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ErrorTextProvider } from '@/components/error-text';
import { LanguageSwitcher } from '@/components/language-switcher';
import { logoUrl } from '@/lib/branding';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import '@/app/globals.css';

/**
 * The document around every page: language, skip link, header with the logo and the language
 * switcher, footer. Shared by the locale layout and by the not-found page, which Next.js
 * renders outside of any layout that knows the language. Client components get their words
 * as props, translated here on the server: no translation runtime or catalogue goes to the
 * browser.
 */
export async function PageFrame({ locale, requestId, children }: { locale: AppLocale; requestId?: string | null; children: ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'Metadata' });
  const error = await getTranslations({ locale, namespace: 'Error' });
  const names = await getTranslations({ locale, namespace: 'LanguageNames' });

  return (
    <html lang={locale}>
      <body>
        <ErrorTextProvider
          text={{ title: error('title'), body: error('body'), retry: error('retry'), reference: requestId ? error('reference', { id: requestId }) : null }}
        >
          <a className="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header className="site-header">
            <span className="brand">
              {/* Low priority: React would otherwise add a preload of it to every page's head and payload. */}
              {/* eslint-disable-next-line @next/next/no-img-element -- a small logo, possibly on another host */}
              <img src={logoUrl('page')} alt="" width={32} height={32} fetchPriority="low" />
              {meta('siteName')}
            </span>
            <LanguageSwitcher
              label={t('languageSwitcher')}
              current={locale}
              languages={routing.locales.map((code) => ({ locale: code, name: names(code) }))}
            />
          </header>
          <main id="main" className="page">
            {children}
          </main>
          <footer className="site-footer">{t('footer')}</footer>
        </ErrorTextProvider>
      </body>
    </html>
  );
}
