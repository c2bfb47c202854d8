import { escapeHtml } from '@/lib/escape-html';
import type { AppLocale } from '@/lib/i18n/routing';
import { phoneRegions } from './regions';

// The same 245 options for every request in a language: written once per language, on first use.
const cache = new Map<AppLocale, string>();

/**
 * Every selectable country as `<option>` markup ("🇫🇷 France +33"), none selected: the phone
 * country selector sends it as it is. Rendered by React, the list was the dearest part of the
 * sign-in page (245 elements serialised, parsed and rendered again on every request), and a
 * plain select has nothing for React to manage.
 */
export function regionOptionsHtml(locale: AppLocale): string {
  let html = cache.get(locale);
  if (html === undefined) {
    html = phoneRegions(locale)
      .map(({ code, flag, name, callingCode }) => `<option value="${code}">${escapeHtml(`${flag} ${name} +${callingCode}`)}</option>`)
      .join('');
    cache.set(locale, html);
  }
  return html;
}
