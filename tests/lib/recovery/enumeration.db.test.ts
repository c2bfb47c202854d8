import { performance } from 'node:perf_hooks';
import { inArray } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { accountTokens } from '@/lib/db/schema';
import { dispatchDueEmails } from '@/lib/email/dispatcher';
import { logTransport } from '@/lib/email/transports/log';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { emailsTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const ROUNDS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('forgot password answers alike for every kind of identifier', () => {
  it('takes comparable time for unknown, active, locked, deactivated and pending identifiers', async () => {
    const active = await makeUser();
    const locked = await makeUser();
    for (let index = 0; index < 5; index += 1) {
      await signInWithPassword({ identifier: locked.email, password: `wrong ${index}`, ip: null, userAgent: null });
    }
    const deactivated = await makeUser({ state: 'deactivated' });
    const pending = await makeUser({ state: 'pending', password: undefined });
    const identifiers = {
      unknown: 'nobody-at-all@example.com',
      active: active.email,
      locked: locked.email,
      deactivated: deactivated.email,
      pending: pending.email,
    };
    const timings: Record<string, number[]> = Object.fromEntries(Object.keys(identifiers).map((key) => [key, []]));

    // Interleaved rounds, so drift on a busy machine hits every kind alike; the hourly limit
    // is cleared between rounds so that every round takes the full path.
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [kind, identifier] of Object.entries(identifiers)) {
        const started = performance.now();
        await requestEmailedLink({ kind: 'password_reset', identifier, locale: 'en', ip: null });
        timings[kind]!.push(performance.now() - started);
      }
      await db().delete(accountTokens).where(inArray(accountTokens.userId, [active.id, locked.id, pending.id]));
    }

    const unknown = median(timings.unknown!);
    for (const kind of Object.keys(identifiers)) {
      const difference = Math.abs(median(timings[kind]!) - unknown);
      // One argon2 verification dominates every answer; the database work around it is small.
      expect(difference, `${kind}: ${median(timings[kind]!).toFixed(1)} ms vs unknown ${unknown.toFixed(1)} ms`).toBeLessThan(
        Math.max(15, unknown * 0.5),
      );
    }
    expect(unknown).toBeGreaterThan(5);
  });

  it('never writes a link or a code to the logs, from the request to the delivery', async () => {
    const user = await makeUser();
    const lines: string[] = [];
    const secrets: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(capture));
    try {
      await requestEmailedLink({ kind: 'password_reset', identifier: user.email, locale: 'fr', ip: null });
      await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip: null });
      // Read before delivery: the outbox erases a message's secrets once it is sent.
      secrets.push(...(await emailsTo(user.email)).flatMap((email) => Object.values(email.secrets)));
      while ((await dispatchDueEmails(logTransport())) > 0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const log = lines.join('\n');
    expect(log).toContain(user.email);
    expect(secrets).toHaveLength(4);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
