import 'server-only';
import type { Executor } from '@/lib/db/client';
import { insertChallenge } from '@/lib/db/challenges';
import type { ChallengeKind, SignInMethod } from '@/lib/db/schema';
import { CHALLENGE_MINUTES } from '@/lib/policy';
import { newLinkToken } from './one-time-secrets';

/**
 * A stage still due after a proven factor: a short-lived, single-use record on the server,
 * kept by its hash. Returns the token the browser carries in the challenge cookie.
 */
export async function issueChallenge(tx: Executor, userId: string, kind: ChallengeKind, method: SignInMethod): Promise<string> {
  const { token, hash } = newLinkToken();
  await insertChallenge({ tokenHash: hash, userId, kind, method, minutes: CHALLENGE_MINUTES }, tx);
  return token;
}
