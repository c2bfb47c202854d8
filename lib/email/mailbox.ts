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
 * only, whatever interface the site listens on. Both the socket and the client must be this
 * machine, so that neither a forwarded header sent straight to the port (when TRUSTED_PROXIES
 * counts hops) nor a proxy on this machine relaying someone else opens it. Anyone else gets
 * the ordinary not-found page.
 */
export function mailboxOpenTo(addresses: { peer: string | null; client: string | null }): boolean {
  return mailboxEnabled() && isLoopback(addresses.peer) && isLoopback(addresses.client);
}
