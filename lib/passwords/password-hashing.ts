import { availableParallelism } from 'node:os';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { env } from '@/lib/env';
import { createLimiter } from './limiter';

// OWASP Password Storage cheat sheet: argon2id, m=19 MiB, t=2, p=1.
export const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm, // Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} satisfies Options;

/**
 * How many argon2 computations run at once, given HASH_CONCURRENCY's setting: unset, one per
 * core (the bench passes the same setting, so it measures what the site runs). Each is
 * pure CPU over 19 MiB of memory, so more at once only take turns on the cores and evict each
 * other from the cache, and the thread that answers requests gets less of the machine: side by
 * side on 2 cores, 2 at a time signed in 10-13 % more people a second than 4 (README, Performance).
 */
export function hashConcurrency(setting: number | undefined): number {
  return setting ?? availableParallelism();
}

let limiter: ReturnType<typeof createLimiter> | undefined;
function limited<T>(task: () => Promise<T>): Promise<T> {
  limiter ??= createLimiter(hashConcurrency(env().HASH_CONCURRENCY));
  return limiter(task);
}

export function hashSecret(secret: string): Promise<string> {
  return limited(() => hash(secret, ARGON2_OPTIONS));
}

/** Never throws on a malformed stored hash: that is simply not a match. */
export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  return limited(async () => {
    try {
      return await verify(storedHash, secret);
    } catch {
      return false;
    }
  });
}

// A real hash of a random value: verifying against it costs what a real account costs.
let dummyHash: Promise<string> | undefined;

/** Spends one argon2 verification so unknown identifiers answer as slowly as known ones. */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  dummyHash ??= hash(crypto.randomUUID(), ARGON2_OPTIONS);
  await verifySecret(await dummyHash, secret);
  return false;
}

export function needsRehash(storedHash: string): boolean {
  try {
    const options = parseOptions(storedHash);
    return (
      options.algorithm !== ARGON2_OPTIONS.algorithm ||
      options.memoryCost < ARGON2_OPTIONS.memoryCost ||
      options.timeCost < ARGON2_OPTIONS.timeCost
    );
  } catch {
    return true;
  }
}
