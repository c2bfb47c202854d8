import type { DeliveryResult, OutgoingEmail, Transport } from './types';
import { logger } from '@/lib/observability/logger';

/** EMAIL_TRANSPORT=log: for staging without a mail provider. Nothing is delivered. */
export function logTransport(): Transport {
  return {
    name: 'log',
    async deliver(email: OutgoingEmail): Promise<DeliveryResult> {
      logger.info({ template: email.template, locale: email.locale, emailId: email.id }, 'email not delivered: EMAIL_TRANSPORT=log');
      return { ok: true, providerMessageId: null };
    },
  };
}
