import 'server-only';
import { countUsers } from '@/lib/db/users';
import { createUser, type CreateUserInput } from './create-user';

// Shared by every demo account and printed at start: this data exists only on a developer's machine.
export const DEMO_PASSWORD = 'lantern-orbit-meadow-42';

export const demoAccounts: ReadonlyArray<CreateUserInput & { label: string }> = [
  { label: 'admin', email: 'admin@example.com', username: 'admin', name: 'Ada Admin', role: 'admin' },
  { label: 'manager (team Support)', email: 'manager@example.com', username: 'morgan', name: 'Morgan Leroy', role: 'manager', team: 'Support' },
  { label: 'team member', email: 'alice@example.com', username: 'alice', name: 'Alice Martin', team: 'Support' },
  { label: 'team member', email: 'bob@example.com', username: 'bob', name: 'Bob Nguyen', team: 'Support', phone: '+1 415 555 0142' },
  { label: 'editor', email: 'editor@example.com', username: 'editor', name: 'Eddie Editor', role: 'editor' },
  { label: 'English user', email: 'emma@example.com', username: 'emma', name: 'Emma Brown', phone: '+44 20 7946 0958' },
  { label: 'French user', email: 'camille@example.com', username: 'camille', name: 'Camille Dubois', locale: 'fr', phone: '+33 6 12 34 56 78' },
  { label: 'pending (not activated)', email: 'pending@example.com', name: 'Paul Pending', state: 'pending' },
  { label: 'deactivated', email: 'former@example.com', name: 'Fiona Former', state: 'deactivated' },
];

/** Seeds the demo accounts into an empty database; returns what was created, for printing. */
export async function seedDemoAccounts(): Promise<Array<{ label: string; email: string }>> {
  if ((await countUsers()) > 0) return [];
  const created: Array<{ label: string; email: string }> = [];
  for (const { label, ...account } of demoAccounts) {
    const password = account.state === 'pending' ? undefined : DEMO_PASSWORD;
    const result = await createUser({ ...account, password });
    if (!result.ok) throw new Error(`demo account ${account.email}: ${JSON.stringify(result.problems)}`);
    created.push({ label, email: account.email });
  }
  return created;
}

export function formatDemoAccounts(accounts: Array<{ label: string; email: string }>): string {
  const width = Math.max(...accounts.map((account) => account.email.length));
  return [
    'Demo accounts (password for all: ' + DEMO_PASSWORD + ', except the pending one):',
    ...accounts.map((account) => `  ${account.email.padEnd(width)}  ${account.label}`),
  ].join('\n');
}
