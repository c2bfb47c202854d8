import { storeInMailbox } from '@/lib/db/outbox';
import { logger } from '@/lib/observability/logger';
import type { DeliveryResult, OutgoingEmail, Transport } from './types';

/** Embedded mode without Resend: emails land in /{locale}/dev/mailbox. */
export function mailboxTransport(appUrl: string): Transport {
  return {
    name: 'mailbox',
    async deliver(email: OutgoingEmail): Promise<DeliveryResult> {
      await storeInMailbox({
        id: email.id,
        recipient: email.to,
        locale: email.locale,
        template: email.template,
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
      // Where to read it, not what it says: the body may hold a link or a code.
      logger.info({ template: email.template, emailId: email.id }, `email in the development mailbox: ${appUrl}/${email.locale}/dev/mailbox/${email.id}`);
      return { ok: true, providerMessageId: null };
    },
  };
}
