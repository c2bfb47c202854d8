import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { env } from '@/lib/env';
import { routing } from '@/lib/i18n/routing';
import { messagesFor } from '@/lib/messages/message-source';
import { previewingDrafts } from './preview-access';

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await messagesFor(locale, { drafts: await previewingDrafts() }),
    timeZone: env().TIME_ZONE,
  };
});
