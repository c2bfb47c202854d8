import 'server-only';
import { keyedDigest, randomToken, safeEqual } from '@/lib/crypto';
import { spendChallenge } from '@/lib/db/passkeys';
import type { Executor } from '@/lib/db/client';
import { env } from '@/lib/env';
import { PASSKEY_CEREMONY_MINUTES } from '@/lib/policy';

export type Ceremony = 'register' | 'sign_in';

const PURPOSE = 'passkey-challenge';

const mac = (body: string) => keyedDigest(body, env().AUTH_SECRET, PURPOSE);

/**
 * A challenge for one ceremony (and, to register, one account), signed by the site with its
 * expiry inside: issuing it stores nothing.
 */
export function newChallenge(ceremony: Ceremony, userId: string | null, now = Date.now()): string {
  const body = [ceremony, userId ?? '-', now + PASSKEY_CEREMONY_MINUTES * 60_000, randomToken(16)].join('.');
  return `${body}.${mac(body)}`;
}

/**
 * Spends the challenge an answer signed (as the authenticator echoed it, in base64url), in the
 * caller's transaction: true once, for a challenge this site issued for this ceremony and
 * account, still within its minutes.
 */
export async function spendAnsweredChallenge(
  echoed: string,
  expected: { ceremony: Ceremony; userId: string | null },
  executor: Executor,
  now = Date.now(),
): Promise<boolean> {
  const challenge = Buffer.from(echoed, 'base64url').toString('utf8');
  const [ceremony, userId, expiresAt, nonce, signature] = challenge.split('.');
  if (!ceremony || !userId || !expiresAt || !nonce || !signature) return false;
  const body = [ceremony, userId, expiresAt, nonce].join('.');
  if (!safeEqual(signature, mac(body))) return false;
  if (ceremony !== expected.ceremony || userId !== (expected.userId ?? '-') || Number(expiresAt) <= now) return false;
  return spendChallenge(signature, new Date(Number(expiresAt)), executor);
}
