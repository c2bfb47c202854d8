import type { Role } from '@/lib/db/schema';
import { permissionTable, type AdminAction } from './policy';

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
 * Whether `actor` may do `action` — at all, or to `target` when there is one. A manager's
 * reach is the plain users of their own team; nobody acts on their own account from the admin
 * area (their own account page is where they change themselves).
 */
export function can(actor: Actor | null, action: AdminAction, target?: Target): boolean {
  if (!actor || actor.state !== 'active') return false;
  const reach = permissionTable[actor.role][action];
  if (reach === 'none') return false;
  if (!target) return true;
  if (target.id === actor.id && action !== 'user.view') return false;
  if (reach === 'everyone') return true;
  return target.role === 'user' && actor.teamId !== null && target.teamId === actor.teamId;
}
