import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { env } from '@/lib/env';
import { previewingDrafts } from '@/lib/translations/preview-access';
import { messagesFor } from './message-source';
import { routing } from './routing';

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await messagesFor(locale, { drafts: await previewingDrafts() }),
    timeZone: env().TIME_ZONE,
  };
});
