import { BlockList, isIP } from 'node:net';

// The TRUSTED_PROXIES setting, read once by lib/env.ts, and the canonical form of an address it
// and lib/network compare in. Nothing here reads the settings, so lib/env.ts can check it.

/**
 * Which forwarded hops to believe (TRUSTED_PROXIES): none, the nearest N proxies, or the
 * proxies at these addresses and networks.
 */
export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; count: number }
  | { kind: 'list'; list: BlockList };

export class TrustedProxiesError extends Error {}

/** An address as the socket or a proxy wrote it, in one canonical form; null when it is not one. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:8080": some proxies append the client's port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.toLowerCase();
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d: it is the same client.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value : null;
}

/** "", "2", or "10.0.0.2, 10.1.0.0/16, ::1". */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (count > 10) throw new TrustedProxiesError('a number of hops must be between 0 and 10');
    return { kind: 'hops', count };
  }
  const list = new BlockList();
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/');
    const normalised = normaliseAddress(address);
    const family = normalised ? (isIP(normalised) === 4 ? 'ipv4' : 'ipv6') : null;
    if (!normalised || !family || extra !== undefined) {
      throw new TrustedProxiesError(`"${entry}" is not an address or a network such as 10.0.0.0/8`);
    }
    if (prefix === undefined) {
      list.addAddress(normalised, family);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 'ipv4' ? 32 : 128)) {
      throw new TrustedProxiesError(`"${entry}" has an invalid network prefix`);
    }
    list.addSubnet(normalised, bits, family);
  }
  return { kind: 'list', list };
}
