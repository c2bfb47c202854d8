import 'server-only';
import { env } from '@/lib/env';
import { normaliseAddress } from '@/lib/trusted-proxies';
import { resolveClientAddress } from './client-address';
import { peerHeader } from './peer-header';

/**
 * The two addresses of a request: `peer`, the socket's (a proxy's, behind one), and `client`,
 * whoever sent it as far as the trusted proxies vouch for. Null when unknown.
 */
export function addressesOf(headers: Headers): { peer: string | null; client: string | null } {
  const header = peerHeader();
  if (!header) return { peer: null, client: null };
  const peer = normaliseAddress(headers.get(header));
  return { peer, client: resolveClientAddress(peer, headers.get('x-forwarded-for'), env().TRUSTED_PROXIES) };
}

/** The client's address for throttling and the audit log; null when unknown. */
export function clientAddressOf(headers: Headers): string | null {
  return addressesOf(headers).client;
}
