import { isIP, type BlockList } from 'node:net';
import { normaliseAddress, type TrustedProxies } from '@/lib/trusted-proxies';

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
