import { storeInMailbox } from '@/lib/db/outbox';
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
      // Only the address and the subject: the body may hold a link or a code.
      console.log(`[mailbox] "${email.subject}" for ${email.to} — ${appUrl}/${email.locale}/dev/mailbox/${email.id}`);
      return { ok: true, providerMessageId: null };
    },
  };
}
