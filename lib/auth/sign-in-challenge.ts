import 'server-only';
import type { Executor } from '@/lib/db/client';
import { insertChallenge, reserveChallengeAttempt } from '@/lib/db/challenges';
import type { ChallengeKind, SignInMethod } from '@/lib/db/schema';
import { findUserForRecovery } from '@/lib/db/users';
import { CHALLENGE_MINUTES } from '@/lib/policy';
import { hashLinkToken, newLinkToken } from './one-time-secrets';

/**
 * A stage still due after a proven factor: a short-lived, single-use record on the server,
 * kept by its hash. Returns the token the browser carries in the challenge cookie.
 */
export async function issueChallenge(tx: Executor, userId: string, kind: ChallengeKind, method: SignInMethod): Promise<string> {
  const { token, hash } = newLinkToken();
  await insertChallenge({ tokenHash: hash, userId, kind, method, minutes: CHALLENGE_MINUTES }, tx);
  return token;
}

/**
 * Counts one attempt at the challenge the browser carries, before anything is compared; the
 * challenge with its account while the account may still sign in, null when the stage is over
 * (no challenge, too many attempts, expired, or an account no longer active).
 */
export async function reserveChallenge(challengeToken: string | null, kind: ChallengeKind, maxAttempts: number) {
  const challenge = challengeToken ? await reserveChallengeAttempt(hashLinkToken(challengeToken), kind, maxAttempts) : undefined;
  const user = challenge && (await findUserForRecovery(challenge.userId));
  return challenge && user?.state === 'active' ? { challenge, user } : null;
}
