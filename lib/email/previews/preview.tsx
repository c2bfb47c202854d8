import { shippedMessages } from '@/lib/i18n/message-cache';
import { buildEmail } from '../render';
import { emailTemplates, type EmailTemplateName } from '../templates';

/** A template with its preview props, for react-email's preview server (`npm run email:preview`). */
export function previewOf(template: EmailTemplateName, locale: 'en' | 'fr') {
  const { props, secrets } = emailTemplates[template].preview;
  return function Preview() {
    return buildEmail({ template, locale, recipient: 'camille@example.com', props, secrets }, shippedMessages(locale)).element;
  };
}
