import { randomUUID } from 'node:crypto';
import { and, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { teams, users, type Role } from '@/lib/db/schema';
import { reachCondition } from '@/lib/admin/users-in-scope';
import { can, type Actor } from '@/lib/permissions/can';
import { adminActions } from '@/lib/permissions/policy';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

const roles: Role[] = ['admin', 'manager', 'editor', 'user'];

/** One account of every role in two teams and in none: every kind of target there is. */
async function seedAccounts() {
  const tag = randomUUID().slice(0, 8);
  const [teamA, teamB] = await db()
    .insert(teams)
    .values([{ name: `Reach A ${tag}` }, { name: `Reach B ${tag}` }])
    .returning({ id: teams.id });
  const rows = roles.flatMap((role) =>
    [teamA!.id, teamB!.id, null].map((teamId, index) => ({ email: `reach-${role}-${index}-${tag}@example.com`, role, teamId, state: 'active' as const })),
  );
  return db().insert(users).values(rows).returning({ id: users.id, role: users.role, teamId: users.teamId, state: users.state });
}

describe('the reach rule', () => {
  it('finds in SQL exactly the accounts can() allows, for every role, team, action and target, the actor’s own account included', async () => {
    const accounts = await seedAccounts();
    const ids = accounts.map((account) => account.id);
    const actors: Actor[] = [...accounts, { ...accounts[0]!, state: 'deactivated' }];
    for (const actor of actors) {
      for (const action of adminActions) {
        const condition = reachCondition(actor, action);
        const found =
          condition === null
            ? []
            : (await db().select({ id: users.id }).from(users).where(and(inArray(users.id, ids), condition))).map((row) => row.id);
        const allowed = accounts.filter((target) => can(actor, action, target)).map((target) => target.id);
        expect(found.sort(), `${actor.role} of ${actor.teamId ?? 'no team'} (${actor.state}): ${action}`).toEqual(allowed.sort());
      }
    }
  });
});
