import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import type { AppLocale } from './routing';

export type Messages = typeof en;

const shipped: Record<AppLocale, Messages> = { en, fr };

/** The catalogue for a locale, for code that runs outside a page render (emails, workers). */
export function loadMessages(locale: AppLocale): Messages {
  return shipped[locale];
}
