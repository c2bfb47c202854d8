import { hasLocale } from 'next-intl';
import { routing, type AppLocale } from './routing';

/**
 * Server actions receive the locale as a hidden form field, which the browser sends back and
 * can change: anything that is not one of ours becomes the default.
 */
export function toLocale(value: unknown): AppLocale {
  return typeof value === 'string' && hasLocale(routing.locales, value) ? value : routing.defaultLocale;
}
