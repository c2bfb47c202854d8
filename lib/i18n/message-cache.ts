import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import type { AppLocale } from './routing';

// The words each process holds: the shipped catalogue, and once loaded, the catalogue with the
// published overrides (lib/messages/message-source.ts loads it). No database here, so the request
// filter's own error pages can word themselves without one.

export type Messages = typeof en;

const shipped: Record<AppLocale, Messages> = { en, fr };

export interface LoadedMessages {
  cache?: { version: number; messages: Record<AppLocale, Messages> };
  loading?: Promise<void>;
  stale: boolean;
  watching: boolean;
}
export const loaded = ((globalThis as unknown as { sesameMessages?: LoadedMessages }).sesameMessages ??= { stale: true, watching: false });

/** The catalogue as shipped in `messages/`, without any override: what "revert" goes back to. */
export function shippedMessages(locale: AppLocale): Messages {
  return shipped[locale];
}

/** The words as last loaded, for code that cannot wait (the request filter's own error pages). */
export function currentMessages(locale: AppLocale): Messages {
  return loaded.cache?.messages[locale] ?? shipped[locale];
}
