import type { Role } from '@/lib/db/schema';
import { permissionTable, type AdminAction } from './policy';
import { meetsRule, reachRule } from './reach';

/** Who is acting, as the session knows them. */
export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  state: string;
}

/** What an action is aimed at. */
export interface Target {
  id: string;
  role: Role;
  teamId: string | null;
}

/**
 * Whether `actor` may do `action` — at all, or to `target` when there is one (who is in reach
 * is lib/permissions/reach.ts's rule, the same one the scoped queries run as SQL).
 */
export function can(actor: Actor | null, action: AdminAction, target?: Target): boolean {
  if (!actor || actor.state !== 'active' || permissionTable[actor.role][action] === 'none') return false;
  if (!target) return true;
  const rule = reachRule(actor, action);
  return rule !== null && meetsRule(target, rule);
}
