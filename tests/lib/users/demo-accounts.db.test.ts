import { describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { countUsers } from '@/lib/db/users';
import { DEMO_PASSWORD, demoAccounts, formatDemoAccounts, seedDemoAccounts } from '@/lib/users/demo-accounts';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

describe('demo accounts', () => {
  it('are seeded into an empty database, once, and printed with their password', async () => {
    const seeded = await seedDemoAccounts();
    expect(seeded).toHaveLength(demoAccounts.length);
    expect(await seedDemoAccounts()).toEqual([]);
    expect(await countUsers()).toBe(demoAccounts.length);
    const printed = formatDemoAccounts(seeded);
    expect(printed).toContain(DEMO_PASSWORD);
    expect(printed).toContain('camille@example.com');
  });

  it('cover every role and the pending and deactivated states, and sign in', async () => {
    const roles = new Set(demoAccounts.map((account) => account.role ?? 'user'));
    expect([...roles].sort()).toEqual(['admin', 'editor', 'manager', 'user']);
    const attempt = (identifier: string) =>
      signInWithPassword({ identifier, password: DEMO_PASSWORD, ip: null, userAgent: null, knownDevices: [] });
    expect(await attempt('camille@example.com')).toMatchObject({ ok: true });
    expect(await attempt('former@example.com')).toEqual({ ok: false, reason: 'deactivated' });
    expect(await attempt('pending@example.com')).toEqual({ ok: false, reason: 'invalid' });
  });
});
