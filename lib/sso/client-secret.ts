import 'server-only';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';

const PURPOSE = 'sso-client-secret';

/** A provider's client secret as stored: sealed, so a database copy does not carry it. */
export function sealClientSecret(secret: string): string {
  return seal(secret, env().AUTH_SECRET, PURPOSE);
}

export function openClientSecret(sealed: string): string {
  return open<string>(sealed, env().AUTH_SECRET, PURPOSE);
}
