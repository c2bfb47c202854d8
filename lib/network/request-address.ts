import 'server-only';
import { env } from '@/lib/env';
import { resolveClientAddress } from './client-address';

/**
 * scripts/server.mjs, the only way the site is served, writes each request's socket address
 * into a header of its own (replacing any copy the client sent) and announces that header's
 * name here. Served any other way (`next start`), nobody overwrites the header, so nothing in
 * it is believed: the address is unknown, and the development mailbox stays shut.
 */
function peerHeader(): string | undefined {
  const announced = (globalThis as Record<symbol, unknown>)[Symbol.for('sesame.peer-header')];
  return typeof announced === 'string' ? announced : undefined;
}

/** The client's address for throttling, audit and the loopback-only mailbox; null when unknown. */
export function clientAddressOf(headers: Headers): string | null {
  const header = peerHeader();
  if (!header) return null;
  return resolveClientAddress(headers.get(header), headers.get('x-forwarded-for'), env().TRUSTED_PROXIES);
}
