import 'server-only';
import { headers } from 'next/headers';
import { clientAddressOf } from '@/lib/network/request-address';

/** Who is asking, as far as the server can tell: the client's address and browser. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const list = await headers();
  return { ip: clientAddressOf(list), userAgent: list.get('user-agent')?.slice(0, 512) ?? null };
}
