import 'server-only';
import type { Locale, Role } from '@/lib/db/schema';
import { teamsInScope } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import { can } from '@/lib/permissions/can';
import { grantableRoles, permissionTable } from '@/lib/permissions/policy';
import type { PhoneRegion } from '@/lib/phone/regions';
import { createUser, type CreateUserResult } from '@/lib/users/create-user';

export interface NewUserForm {
  name: string;
  email: string;
  username: string;
  phone: string;
  phoneRegion: PhoneRegion;
  role: string;
  teamId: string;
  locale: Locale;
}

export type CreateByAdminResult = CreateUserResult | { ok: false; problems: 'forbidden' };

/**
 * An account made in the admin area: pending, with its welcome email in the new person's
 * language (they choose their own password from its link). The role must be one the actor may
 * grant and the team one they reach; a manager's accounts always join the manager's own team,
 * whatever the form says.
 */
export async function createUserByAdmin(actor: Actor, form: NewUserForm, request: { ip: string | null }): Promise<CreateByAdminResult> {
  if (!can(actor, 'users.create')) return { ok: false, problems: 'forbidden' };
  const teams = await teamsInScope(actor);
  const ownTeamOnly = permissionTable[actor.role]['users.create'] !== 'everyone';
  const team = ownTeamOnly ? teams.find((t) => t.id === actor.teamId) : form.teamId ? teams.find((t) => t.id === form.teamId) : undefined;
  if (ownTeamOnly && !team) return { ok: false, problems: 'forbidden' };
  // Only a tampered form offers a role or team outside the lists: nothing is created then.
  const problems = [
    ...(grantableRoles(actor.role).includes(form.role as Role) ? [] : [{ field: 'role' as const, code: 'invalid' as const }]),
    ...(!ownTeamOnly && form.teamId && !team ? [{ field: 'team' as const, code: 'invalid' as const }] : []),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return createUser(
    {
      email: form.email,
      username: form.username || undefined,
      phone: form.phone || undefined,
      phoneRegion: form.phoneRegion,
      name: form.name,
      role: form.role as Role,
      team: team?.name,
      locale: form.locale,
      state: 'pending',
    },
    { actorUserId: actor.id, ip: request.ip },
  );
}
