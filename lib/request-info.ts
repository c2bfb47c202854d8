import 'server-only';
import { headers } from 'next/headers';

/**
 * The client address is the right-most X-Forwarded-For entry: the one added by the nearest
 * proxy (or by Next.js itself), which a client cannot forge. Deploy behind a proxy that
 * appends to the header.
 */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const list = await headers();
  const forwarded = list.get('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
  return {
    ip: forwarded?.at(-1)?.slice(0, 64) ?? null,
    userAgent: list.get('user-agent')?.slice(0, 512) ?? null,
  };
}
