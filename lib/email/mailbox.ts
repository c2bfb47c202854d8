import 'server-only';
import { env } from '@/lib/env';
import { isLoopback } from '@/lib/network/client-address';

/** The development mailbox exists only where it is the transport: embedded mode, no Resend. */
export function mailboxEnabled(): boolean {
  const config = env();
  return config.embedded && config.EMAIL_TRANSPORT === 'mailbox';
}

/**
 * The mailbox shows links that reset passwords and sign people in: it answers this machine
 * only, whatever interface the site listens on. Anyone else gets the ordinary not-found page.
 */
export function mailboxOpenTo(clientAddress: string | null): boolean {
  return mailboxEnabled() && isLoopback(clientAddress);
}
