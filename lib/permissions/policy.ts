import type { Role } from '@/lib/db/schema';

// Who may do what, as data: the admin area, its API and the tests all read this one table.

/** Everything the admin area and the API let someone do. */
export const adminActions = [
  'users.list',
  'users.create',
  'user.view',
  'user.setPassword',
  'user.sendResetLink',
  'user.randomPassword',
  'user.accessCode',
  'user.unlock',
  'user.resetTwoStep',
  'user.resendActivation',
  'user.signOutEverywhere',
  'user.deactivate',
  'user.reactivate',
  'user.accessKeys',
  'user.passkeys',
  'user.ssoIdentities',
  'users.bulkUnlock',
  'users.bulkDeactivate',
  'users.bulkSendResetLink',
  'users.import',
  'users.export',
  'jobs.view',
  'audit.view',
  'outbox.view',
  'outbox.retry',
  'translations.edit',
  'sso.manage',
] as const;
export type AdminAction = (typeof adminActions)[number];

/**
 * How far a role reaches with an action: every account; the plain users of the actor's own
 * team (a manager never acts on an admin, another manager or an editor); or nothing.
 */
export type Reach = 'everyone' | 'own team users' | 'none';

// Managers do for their team what admins do for everyone, except these: access keys reach
// integrations beyond a team, failed emails and company sign-ins are the whole site's, and
// words are the editors'.
const notForManagers = new Set<AdminAction>(['user.accessKeys', 'outbox.view', 'outbox.retry', 'translations.edit', 'sso.manage']);

function reachOf(role: Role, action: AdminAction): Reach {
  switch (role) {
    case 'admin':
      return 'everyone';
    case 'manager':
      return notForManagers.has(action) ? 'none' : 'own team users';
    case 'editor':
      return action === 'translations.edit' ? 'everyone' : 'none';
    case 'user':
      return 'none';
  }
}

/** The whole matrix: role → action → reach. */
export const permissionTable: Readonly<Record<Role, Readonly<Record<AdminAction, Reach>>>> = Object.fromEntries(
  (['admin', 'manager', 'editor', 'user'] as const).map((role) => [
    role,
    Object.fromEntries(adminActions.map((action) => [action, reachOf(role, action)])),
  ]),
) as Record<Role, Record<AdminAction, Reach>>;

// What only looks at accounts. Everything else changes them, and nobody changes their own
// account from the admin area: their own account page is where they do, with its own checks.
const lookingOnly = new Set<AdminAction>(['users.list', 'user.view', 'users.export', 'jobs.view', 'audit.view', 'outbox.view']);

/** Whether `action` changes the accounts it reaches, so that the actor's own is left out. */
export const changesAccounts = (action: AdminAction): boolean => !lookingOnly.has(action);

/** The roles an actor may give an account it creates or edits. */
export function grantableRoles(role: Role): readonly Role[] {
  if (role === 'admin') return ['user', 'manager', 'admin', 'editor'];
  if (role === 'manager') return ['user'];
  return [];
}
