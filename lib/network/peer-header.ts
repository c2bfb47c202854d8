import type { IncomingHttpHeaders } from 'node:http';

/**
 * Next.js 16 gives a page no way to read the socket's address (it only fills X-Forwarded-For
 * when the client left it empty), so scripts/server.ts, the only way the site is served, writes
 * each request's socket address into this header, replacing any copy the client sent.
 */
const PEER_HEADER = 'x-sesame-peer';

/**
 * Whether the server records peers, in a slot of the process rather than of this module: the
 * server runs its own compiled copy of lib/ and Next.js bundles another into its chunks, and
 * both must see the one answer.
 */
const RECORDING = Symbol.for('sesame.records-peers');
const slot = globalThis as { [RECORDING]?: true };

/** For scripts/server.ts: from now on, every request's socket address goes through `recordPeer`. */
export function startRecordingPeers(): (headers: IncomingHttpHeaders, address: string | undefined) => void {
  slot[RECORDING] = true;
  return (headers, address) => {
    headers[PEER_HEADER] = address ?? '';
  };
}

/**
 * The header holding the socket's address. Served any other way (`next start`), nobody
 * overwrites it, so nothing in it is believed: undefined, the address is unknown and the
 * development mailbox stays shut.
 */
export function peerHeader(): string | undefined {
  return slot[RECORDING] ? PEER_HEADER : undefined;
}
