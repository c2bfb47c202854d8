import 'server-only';
import { keyedDigest } from '@/lib/crypto';
import type { ThrottleScope } from '@/lib/db/schema';
import type { ThrottleSubject } from '@/lib/db/throttle';
import { env } from '@/lib/env';
import { addressBucket } from '@/lib/network/client-address';

function subject(scope: ThrottleScope, value: string, userId: string | null = null): ThrottleSubject {
  // Keyed, so a leaked table cannot be matched against guessed identifiers or addresses.
  return { key: keyedDigest(`${scope}:${value}`, env().AUTH_SECRET, 'sign-in-throttle'), scope, userId };
}

/** The one place throttle keys are made. */
export const throttleSubjects = {
  /** An account, as seen from browsers it does not know. */
  account: (userId: string) => subject('account', userId, userId),
  /** A browser that signed in to the account before: its own failure budget. */
  device: (userId: string, nonce: string) => subject('device', `${userId}:${nonce}`, userId),
  /** An identifier that matches no account, normalised as sign-in reads it. */
  identifier: (normalised: string) => subject('identifier', normalised),
  /** A client's network address (an IPv6 client's whole /64), for sign-in failures. */
  address: (ip: string) => subject('address', addressBucket(ip)),
  /** Wrong current passwords typed inside one session (confirmations and changes). */
  session: (userId: string, sessionId: string) => subject('session', sessionId, userId),
  /** Wrong second steps of an account, across its sign-ins. */
  secondFactor: (userId: string) => subject('second_factor', userId, userId),
  /** Codes emailed for an account's second steps, per hour. */
  secondFactorEmail: (userId: string) => subject('second_factor_email', userId, userId),
  /** The same, for "email me a link" requests. */
  recoveryAddress: (ip: string) => subject('recovery_address', addressBucket(ip)),
  /** Requests made with one API access key, per minute. */
  apiKey: (keyId: string) => subject('api_key', keyId),
  /** API requests from one address that bring no valid key. */
  apiAddress: (ip: string) => subject('api_address', addressBucket(ip)),
};
