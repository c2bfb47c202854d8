import { describe, expect, it } from 'vitest';
import { addressBucket, isLoopback, resolveClientAddress } from '@/lib/network/client-address';
import { normaliseAddress } from '@/lib/trusted-proxies';
import { parseTrustedProxies, TrustedProxiesError } from '@/lib/trusted-proxies';

const none = parseTrustedProxies(undefined);

describe('the client address without trusted proxies', () => {
  it('is the socket peer, whatever the client writes into X-Forwarded-For', () => {
    expect(resolveClientAddress('192.0.2.10', null, none)).toBe('192.0.2.10');
    expect(resolveClientAddress('192.0.2.10', '198.51.100.1', none)).toBe('192.0.2.10');
    expect(resolveClientAddress('192.0.2.10', '127.0.0.1, 127.0.0.1', none)).toBe('192.0.2.10');
  });

  it('treats an IPv4 client on a dual-stack socket as the same IPv4 client', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', null, none)).toBe('127.0.0.1');
    expect(resolveClientAddress('::FFFF:192.0.2.10', null, none)).toBe('192.0.2.10');
  });

  it('knows no address when the socket gave none', () => {
    expect(resolveClientAddress(null, '198.51.100.1', none)).toBeNull();
    expect(resolveClientAddress('', '198.51.100.1', none)).toBeNull();
  });
});

describe('the client address behind a number of proxies', () => {
  const one = parseTrustedProxies('1');
  const two = parseTrustedProxies('2');

  it('is the entry the nearest proxy appended, never one the client wrote before it', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7', one)).toBe('203.0.113.7');
    expect(resolveClientAddress('10.0.0.2', '127.0.0.1, 203.0.113.7', one)).toBe('203.0.113.7');
    expect(resolveClientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7, 10.0.0.9', two)).toBe('203.0.113.7');
  });

  it('stops at the last address the proxies vouch for when the header is short or garbled', () => {
    expect(resolveClientAddress('10.0.0.2', null, one)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7', two)).toBe('203.0.113.7');
    expect(resolveClientAddress('10.0.0.2', 'unknown', one)).toBe('10.0.0.2');
  });

  it('reads ports and brackets some proxies add', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7:51234', one)).toBe('203.0.113.7');
    expect(resolveClientAddress('10.0.0.2', '[2001:db8::7]:443', one)).toBe('2001:db8::7');
  });
});

describe('the client address behind listed proxies', () => {
  const listed = parseTrustedProxies('10.0.0.0/8, 2001:db8:ffff::1');

  it('walks past listed proxies only', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7, 10.1.2.3', listed)).toBe('203.0.113.7');
    expect(resolveClientAddress('2001:db8:ffff::1', '203.0.113.7', listed)).toBe('203.0.113.7');
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(resolveClientAddress('198.51.100.4', '127.0.0.1', listed)).toBe('198.51.100.4');
    // The walk ends at the first address that is not a listed proxy.
    expect(resolveClientAddress('10.0.0.2', '127.0.0.1, 198.51.100.4, 10.9.9.9', listed)).toBe('198.51.100.4');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('accepts nothing, a number of hops, or addresses and networks', () => {
    expect(parseTrustedProxies('').kind).toBe('none');
    expect(parseTrustedProxies('0').kind).toBe('none');
    expect(parseTrustedProxies(' 2 ')).toEqual({ kind: 'hops', count: 2 });
    expect(parseTrustedProxies('10.0.0.1, fd00::/8').kind).toBe('list');
  });

  it('refuses what it cannot read, with a message', () => {
    for (const value of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', '99', 'fd00::/129']) {
      expect(() => parseTrustedProxies(value), value).toThrow(TrustedProxiesError);
    }
  });
});

describe('addresses', () => {
  it('are loopback only for this machine', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback(normaliseAddress('::ffff:127.0.0.1'))).toBe(true);
    expect(isLoopback('192.0.2.2')).toBe(false);
    expect(isLoopback(null)).toBe(false);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });
});

describe('what an address is counted as', () => {
  it('is the address itself for IPv4, and the /64 for IPv6', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:eeee:dddd:cccc')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
