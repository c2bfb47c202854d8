import { defineRouting } from 'next-intl/routing';

/** next-intl's memory of the language last chosen; lib/i18n/locale-proxy.ts writes it too. */
export const LOCALE_COOKIE = { name: 'NEXT_LOCALE', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 } as const;

export const routing = defineRouting({
  locales: ['en', 'fr'],
  defaultLocale: 'en',
  localePrefix: 'always',
  localeCookie: LOCALE_COOKIE,
});

export type AppLocale = (typeof routing.locales)[number];
