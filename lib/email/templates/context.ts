import type { createFormatter, createTranslator } from 'use-intl/core';
import type { ReactElement } from 'react';
import type { Messages } from '@/lib/i18n/message-cache';
import type { AppLocale } from '@/lib/i18n/routing';

export type EmailTranslator = ReturnType<typeof createTranslator<Messages, 'Emails'>>;

/** What every template receives besides its own props: words, formats and where links go. */
export interface EmailContext {
  t: EmailTranslator;
  format: ReturnType<typeof createFormatter>;
  locale: AppLocale;
  recipient: string;
  siteName: string;
  /** The subject line, also the document's title (empty while the subject itself is worded). */
  subject: string;
  /** The logo's absolute address. */
  logoUrl: string;
  /** An absolute link into the site, always from APP_URL, never from a request. */
  link(path: string): string;
}

/**
 * One email: its subject and body in the recipient's language. Props are stored in the outbox
 * as JSON; secrets (links and codes for the person) are kept sealed beside them.
 */
export interface EmailDefinition<Props, Secrets = Record<string, never>> {
  subject(context: EmailContext, props: Props): string;
  render(context: EmailContext, props: Props, secrets: Secrets): ReactElement;
  preview: { props: Props; secrets: Secrets };
}

export function defineEmail<Props, Secrets = Record<string, never>>(
  definition: EmailDefinition<Props, Secrets>,
): EmailDefinition<Props, Secrets> {
  return definition;
}

/** A date and time with its zone, in the recipient's language ("22 novembre 2026 à 14:30 UTC"). */
export function formatWhen(context: EmailContext, iso: string): string {
  return context.format.dateTime(new Date(iso), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export function formatTime(context: EmailContext, iso: string): string {
  return context.format.dateTime(new Date(iso), { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}
