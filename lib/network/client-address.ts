import { BlockList, isIP } from 'node:net';

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

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address of whoever sent the request. The socket's peer is the truth unless it is a
 * trusted proxy; only then is X-Forwarded-For read, from the right (what the nearest proxy
 * appended) towards the left, and only as far as trusted proxies vouch for it. Whatever a
 * client writes into the header itself sits to the left of that point and is never believed.
 */
export function resolveClientAddress(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | null {
  const socket = normaliseAddress(peer);
  if (!socket || trusted.kind === 'none') return socket;
  const hops = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  // Nearest first: the socket's peer, then what each proxy says it received the request from.
  const chain = [socket, ...hops.reverse().map(normaliseAddress)];

  let client = socket;
  for (let index = 1; index < chain.length; index += 1) {
    const vouchedBy = chain[index - 1]!;
    const believed = trusted.kind === 'hops' ? index <= trusted.count : isTrusted(trusted.list, vouchedBy);
    const next = chain[index];
    // A hop that is not trusted, or an entry that is not an address, ends the walk.
    if (!believed || !next) break;
    client = next;
  }
  return client;
}

/** 127.0.0.0/8 and ::1: this machine itself. */
export function isLoopback(address: string | null): boolean {
  if (!address) return false;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/**
 * What one client's address stands for when counting: an IPv4 address, or an IPv6 /64 — the
 * block a single home or server is given, whose 2^64 addresses cost their holder nothing to
 * rotate through.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}
