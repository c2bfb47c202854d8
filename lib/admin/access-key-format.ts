import 'server-only';
import { randomToken, sha256 } from '@/lib/crypto';

// An access key is "ssm_" and 256 bits from the CSPRNG in base64url: the prefix lets secret
// scanners and people recognise one in a log or a paste, and such a key needs no slow hash,
// so the database keeps its SHA-256 and finds it by that.
const PREFIX = 'ssm_';
const DISPLAY_LENGTH = 8;
const SECRET = /^ssm_[A-Za-z0-9_-]{43}$/;

/** Anything that looks like a key or the start of one, wherever it appears. */
export const KEY_LIKE = /ssm_[A-Za-z0-9_-]{8,}/;

export interface NewAccessKey {
  secret: string;
  secretHash: string;
  displayPrefix: string;
}

export function makeAccessKey(): NewAccessKey {
  const secret = `${PREFIX}${randomToken(32)}`;
  return { secret, secretHash: hashAccessKey(secret), displayPrefix: secret.slice(PREFIX.length, PREFIX.length + DISPLAY_LENGTH) };
}

export function hashAccessKey(secret: string): string {
  return sha256(secret);
}

export function isAccessKeyShaped(value: string): boolean {
  return SECRET.test(value);
}
