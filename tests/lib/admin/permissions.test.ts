import { describe, expect, it } from 'vitest';
import { can, type Actor } from '@/lib/permissions/can';
import { adminActions, grantableRoles, permissionTable } from '@/lib/permissions/policy';

const teamA = '00000000-0000-4000-8000-00000000000a';
const teamB = '00000000-0000-4000-8000-00000000000b';
const person = (id: string, role: Actor['role'], teamId: string | null): Actor => ({ id, role, teamId, state: 'active' });

describe('the permission table', () => {
  it('gives admins everything, editors the translations only, users nothing', () => {
    for (const action of adminActions) {
      expect(permissionTable.admin[action]).toBe('everyone');
      expect(permissionTable.user[action]).toBe('none');
      expect(permissionTable.editor[action]).toBe(action === 'translations.edit' ? 'everyone' : 'none');
    }
  });

  it('keeps managers to their own team, and away from access keys, failed emails and translations', () => {
    for (const action of ['user.accessKeys', 'outbox.view', 'outbox.retry', 'translations.edit'] as const) {
      expect(permissionTable.manager[action]).toBe('none');
    }
    expect(adminActions.filter((action) => permissionTable.manager[action] === 'everyone')).toEqual([]);
    expect(grantableRoles('manager')).toEqual(['user']);
    expect(grantableRoles('editor')).toEqual([]);
  });
});

describe('can', () => {
  const admin = person('a', 'admin', null);
  const manager = person('m', 'manager', teamA);
  const member = person('u', 'user', teamA);
  const otherTeam = person('o', 'user', teamB);
  const fellowManager = person('f', 'manager', teamA);
  const teamlessManager = person('t', 'manager', null);
  const teamless = person('n', 'user', null);

  it('lets a manager act on the plain users of their team only', () => {
    expect(can(manager, 'user.unlock', member)).toBe(true);
    expect(can(manager, 'user.unlock', otherTeam)).toBe(false);
    expect(can(manager, 'user.unlock', fellowManager)).toBe(false);
    expect(can(manager, 'user.unlock', person('x', 'admin', teamA))).toBe(false);
    expect(can(manager, 'user.unlock', person('y', 'editor', teamA))).toBe(false);
    // A manager without a team reaches nobody, not the people without one.
    expect(can(teamlessManager, 'user.unlock', teamless)).toBe(false);
  });

  it('lets nobody act on their own account from the admin area, nor a deactivated actor act at all', () => {
    expect(can(admin, 'user.deactivate', person('a', 'admin', null))).toBe(false);
    expect(can(admin, 'user.view', person('a', 'admin', null))).toBe(true);
    expect(can({ ...admin, state: 'deactivated' }, 'users.list')).toBe(false);
    expect(can(null, 'users.list')).toBe(false);
  });

  it('follows the table for every role and action', () => {
    for (const actor of [admin, manager, person('e', 'editor', teamA), member]) {
      for (const action of adminActions) {
        expect(can(actor, action), `${actor.role} ${action}`).toBe(permissionTable[actor.role][action] !== 'none');
      }
    }
  });
});
