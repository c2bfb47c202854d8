'use client';

import { usePathname, useSearchParams } from 'next/navigation';

/**
 * Plain links (they work without JavaScript) to the same page in the other languages, query
 * included: switching language on a link's page keeps the link.
 */
export function LanguageSwitcher({
  label,
  current,
  languages,
}: {
  label: string;
  current: string;
  languages: Array<{ locale: string; name: string }>;
}) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const rest = pathname.replace(/^\/[^/]+/, '');
  return (
    <nav aria-label={label} className="language-switcher">
      <ul>
        {languages.map(({ locale, name }) => (
          <li key={locale}>
            {locale === current ? (
              <span aria-current="true" lang={locale}>
                {name}
              </span>
            ) : (
              <a href={`/${locale}${rest}${query ? `?${query}` : ''}`} lang={locale} hrefLang={locale}>
                {name}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
