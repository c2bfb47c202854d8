'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Link, usePathname } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

/** Plain links (they work without JavaScript) to the same page in the other languages. */
export function LanguageSwitcher({ label }: { label: string }) {
  const pathname = usePathname();
  const current = useLocale();
  const names = useTranslations('LanguageNames');
  return (
    <nav aria-label={label} className="language-switcher">
      <ul>
        {routing.locales.map((locale) => (
          <li key={locale}>
            {locale === current ? (
              <span aria-current="true" lang={locale}>
                {names(locale)}
              </span>
            ) : (
              <Link href={pathname} locale={locale} lang={locale} hrefLang={locale}>
                {names(locale)}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
