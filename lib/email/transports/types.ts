export interface OutgoingEmail {
  id: string;
  to: string;
  locale: 'en' | 'fr';
  template: string;
  subject: string;
  html: string;
  text: string;
}

export type DeliveryResult = { ok: true; providerMessageId: string | null } | { ok: false; error: string };

/** Where rendered emails go. Errors are returned, never thrown, and never contain the body. */
export interface Transport {
  name: string;
  deliver(email: OutgoingEmail): Promise<DeliveryResult>;
}
