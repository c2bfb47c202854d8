import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { deleteExpiredSpentChallenges } from '@/lib/db/passkeys';
import { newChallenge, spendAnsweredChallenge } from '@/lib/passkeys/ceremony-challenge';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

// What the authenticator echoes back in its answer: the challenge's bytes, in base64url.
const echoed = (challenge: string) => Buffer.from(challenge, 'utf8').toString('base64url');
const spend = (challenge: string, expected: { ceremony: 'register' | 'sign_in'; userId: string | null }, now?: number) =>
  db().transaction((tx) => spendAnsweredChallenge(echoed(challenge), expected, tx, now));

describe('a passkey ceremony’s challenge', () => {
  const user = '6f1c1f7e-2f7a-4a57-9d0e-5d2b6a1c9e11';

  it('is accepted once, for the ceremony and account it was made for', async () => {
    const challenge = newChallenge('sign_in', null);
    expect(await spend(challenge, { ceremony: 'register', userId: null })).toBe(false);
    expect(await spend(challenge, { ceremony: 'sign_in', userId: null })).toBe(true);
    expect(await spend(challenge, { ceremony: 'sign_in', userId: null })).toBe(false);

    const registration = newChallenge('register', user);
    expect(await spend(registration, { ceremony: 'register', userId: '0d4f5c1e-0000-4000-8000-000000000000' })).toBe(false);
    expect(await spend(registration, { ceremony: 'register', userId: user })).toBe(true);
  });

  it('is refused when made up, altered or past its five minutes', async () => {
    const challenge = newChallenge('sign_in', null);
    const [ceremony, account, expiresAt, nonce, mac] = challenge.split('.');
    const later = [ceremony, account, Number(expiresAt) + 3_600_000, nonce, mac].join('.');
    expect(await spend(later, { ceremony: 'sign_in', userId: null })).toBe(false);
    expect(await spend('sign_in.-.99999999999999.abc.def', { ceremony: 'sign_in', userId: null })).toBe(false);
    expect(await spend(challenge, { ceremony: 'sign_in', userId: null }, Date.now() + 6 * 60_000)).toBe(false);
    expect(await spend(challenge, { ceremony: 'sign_in', userId: null }, Date.now() + 4 * 60_000)).toBe(true);
  });

  it('leaves its mark only until it expires', async () => {
    const challenge = newChallenge('sign_in', null, Date.now() - 10 * 60_000);
    expect(await spend(challenge, { ceremony: 'sign_in', userId: null }, Date.now() - 9 * 60_000)).toBe(true);
    expect(await deleteExpiredSpentChallenges()).toBeGreaterThanOrEqual(1);
  });
});
