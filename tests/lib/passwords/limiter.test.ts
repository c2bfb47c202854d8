import { describe, expect, it, vi } from 'vitest';
import { createLimiter } from '@/lib/passwords/limiter';
import { hashPassword, verifyPassword } from '@/lib/passwords/passwords';

// argon2 as it is, with a record of what it was given to compare.
const compared = vi.hoisted(() => ({ secrets: [] as string[] }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...actual,
    verify: (hashed: string, secret: string, ...rest: []) => {
      compared.secrets.push(secret);
      return actual.verify(hashed, secret, ...rest);
    },
  };
});

describe('bounded hashing', () => {
  it('never runs more tasks at once than allowed, and runs them all', async () => {
    const run = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running -= 1;
          return index;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toHaveLength(100);
  });

  it('keeps going after a task fails', async () => {
    const run = createLimiter(1);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });
});

describe('password hashing', () => {
  it('stores argon2id with at least the OWASP parameters', async () => {
    const hash = await hashPassword('purple elephants dance quietly');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('matches the same password typed in another Unicode form', async () => {
    const hash = await hashPassword('ﬁnally ｓｅｃｒｅｔ words');
    expect(await verifyPassword(hash, 'finally secret words')).toBe(true);
    expect(await verifyPassword(hash, 'finally secret word')).toBe(false);
  });

  it('refuses over-long passwords without comparing them', async () => {
    const hash = await hashPassword('x'.repeat(128));
    compared.secrets.length = 0;
    expect(await verifyPassword(hash, 'x'.repeat(128))).toBe(true);
    expect(compared.secrets).toEqual(['x'.repeat(128)]);

    compared.secrets.length = 0;
    expect(await verifyPassword(hash, 'x'.repeat(129))).toBe(false);
    // The one argon2 run it still spends (so that timing says nothing) is on an empty value:
    // the over-long text itself never reaches argon2, so its length costs nothing.
    expect(compared.secrets).toEqual(['']);
  });

  it('answers false, not an error, for a missing or malformed stored hash', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
  });
});
