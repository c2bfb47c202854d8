import type { AdminUser } from '@/lib/db/users-in-scope';
import type { AdminAction } from '@/lib/permissions/policy';

/** The one-button operations of a user's admin page, each confirmed before it runs. */
export const userOperations = ['unlock', 'sendResetLink', 'randomPassword', 'accessCode', 'signOutEverywhere', 'resetTwoStep', 'resendActivation', 'deactivate', 'reactivate'] as const;
export type UserOperation = (typeof userOperations)[number];

export const operationPermission: Record<UserOperation, AdminAction> = {
  unlock: 'user.unlock',
  sendResetLink: 'user.sendResetLink',
  randomPassword: 'user.randomPassword',
  accessCode: 'user.accessCode',
  signOutEverywhere: 'user.signOutEverywhere',
  resetTwoStep: 'user.resetTwoStep',
  resendActivation: 'user.resendActivation',
  deactivate: 'user.deactivate',
  reactivate: 'user.reactivate',
};

/** Whether an operation means anything for the account as it is now (the page offers only those). */
export function operationApplies(operation: UserOperation, user: AdminUser): boolean {
  switch (operation) {
    case 'unlock':
      return user.locked;
    case 'sendResetLink':
    case 'randomPassword':
    case 'accessCode':
    case 'signOutEverywhere':
    case 'deactivate':
      return user.state === 'active';
    case 'resetTwoStep':
      return user.state === 'active' && (user.totpEnabledAt !== null || user.emailOtpEnabled);
    case 'resendActivation':
      return user.state === 'pending';
    case 'reactivate':
      return user.state === 'deactivated';
  }
}
