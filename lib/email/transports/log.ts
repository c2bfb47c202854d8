import type { DeliveryResult, OutgoingEmail, Transport } from './types';

/** EMAIL_TRANSPORT=log: for staging without a mail provider. Nothing is delivered. */
export function logTransport(): Transport {
  return {
    name: 'log',
    async deliver(email: OutgoingEmail): Promise<DeliveryResult> {
      console.log(`[email:log] ${email.template} (${email.locale}) for ${email.to} was not delivered: EMAIL_TRANSPORT=log`);
      return { ok: true, providerMessageId: null };
    },
  };
}
