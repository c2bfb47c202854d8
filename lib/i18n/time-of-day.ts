import 'server-only';
import { getFormatter } from 'next-intl/server';
import type { AppLocale } from './routing';

/** "14:30 UTC" / "2:30 PM UTC": when a pause ends, in the page's language and the site's zone. */
export async function timeOfDay(locale: AppLocale, date: Date): Promise<string> {
  return (await getFormatter({ locale })).dateTime(date, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}
