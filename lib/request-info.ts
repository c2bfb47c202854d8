import 'server-only';
import { headers } from 'next/headers';
import { addressesOf, clientAddressOf } from '@/lib/network/request-address';

/** Who is asking, as far as the server can tell: the client's address and browser. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const list = await headers();
  return { ip: clientAddressOf(list), userAgent: list.get('user-agent')?.slice(0, 512) ?? null };
}

/** The socket's and the client's addresses of the current request. */
export async function requestAddresses() {
  return addressesOf(await headers());
}
