import type { Actor, Target } from './can';
import { changesAccounts, permissionTable, type AdminAction } from './policy';

/** One condition on a target account: a field of it equals, or differs from, a value. */
export interface TargetTest {
  field: 'id' | 'role' | 'teamId';
  is: 'equal' | 'different';
  value: string;
}

/**
 * The accounts `actor` reaches with `action`, as conditions each of them meets: none for every
 * account, null for no account at all. can() tests them on one account and lib/db turns them
 * into SQL, so the page that shows a button and the query that finds its account never
 * disagree on who is in reach.
 */
export function reachRule(actor: Actor, action: AdminAction): TargetTest[] | null {
  if (actor.state !== 'active') return null;
  const reach = permissionTable[actor.role][action];
  if (reach === 'none') return null;
  const others: TargetTest[] = changesAccounts(action) ? [{ field: 'id', is: 'different', value: actor.id }] : [];
  if (reach === 'everyone') return others;
  // A manager without a team reaches nobody, not the people without one.
  if (!actor.teamId) return null;
  return [...others, { field: 'role', is: 'equal', value: 'user' }, { field: 'teamId', is: 'equal', value: actor.teamId }];
}

export function meetsRule(target: Target, rule: readonly TargetTest[]): boolean {
  return rule.every((test) => (target[test.field] === test.value) === (test.is === 'equal'));
}
