import { render, toPlainText } from '@react-email/render';
import { createFormatter, createTranslator } from 'use-intl/core';
import { logoUrl } from '@/lib/branding';
import { env } from '@/lib/env';
import type { Messages } from '@/lib/i18n/message-cache';
import { messagesFor } from '@/lib/messages/message-source';
import type { AppLocale } from '@/lib/i18n/routing';
import type { EmailContext, EmailDefinition } from './templates/context';
import { emailTemplates, type EmailTemplateName } from './templates';

export interface EmailToRender {
  template: EmailTemplateName;
  locale: AppLocale;
  recipient: string;
  props: unknown;
  secrets?: unknown;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export class MissingTranslationError extends Error {}

/** The email as a React element and its subject, in the recipient's language. */
export function buildEmail(email: EmailToRender, messages: Messages) {
  const config = env();
  const t = createTranslator({
    locale: email.locale,
    messages,
    namespace: 'Emails',
    onError: (error) => {
      throw new MissingTranslationError(`${email.locale} email "${email.template}": ${error.code}`);
    },
  });
  const context: EmailContext = {
    t,
    format: createFormatter({ locale: email.locale, timeZone: config.TIME_ZONE }),
    locale: email.locale,
    recipient: email.recipient,
    siteName: messages.Metadata.siteName,
    subject: '',
    logoUrl: logoUrl('email'),
    link: (path) => `${config.APP_URL}/${email.locale}${path}`,
  };
  const definition = emailTemplates[email.template] as EmailDefinition<unknown, unknown>;
  const subject = definition.subject(context, email.props);
  return { subject, element: definition.render({ ...context, subject }, email.props, email.secrets ?? {}) };
}

/**
 * Renders an email in HTML and plain text. Every word comes from the catalogue with its
 * published overrides (or the words given, for a preview); a missing or broken message fails
 * the render rather than sending a raw key.
 */
export async function renderEmail(email: EmailToRender, messages?: Messages): Promise<RenderedEmail> {
  const { subject, element } = buildEmail(email, messages ?? (await messagesFor(email.locale)));
  const html = await render(element);
  // The text is read from the HTML, as `render(element, { plainText: true })` would, without
  // rendering the React tree a second time: the job runner sending it shares the CPU with the pages.
  return { subject, html, text: toPlainText(html) };
}
