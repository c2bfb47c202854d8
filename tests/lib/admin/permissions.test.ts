import { describe, expect, it } from 'vitest';
import { can, type Actor } from '@/lib/permissions/can';
import { adminActions, grantableRoles, permissionTable, type AdminAction } from '@/lib/permissions/policy';

const teamA = '00000000-0000-4000-8000-00000000000a';
const teamB = '00000000-0000-4000-8000-00000000000b';
const person = (id: string, role: Actor['role'], teamId: string | null): Actor => ({ id, role, teamId, state: 'active' });

// The matrix written out, role by role (admin, manager, editor, user): 'all' is every account,
// 'team' the plain users of the actor's own team, '—' nothing. A change to the table in
// lib/permissions/policy.ts fails here until this line is changed too, on purpose.
// prettier-ignore
const expected: Record<string, ['all' | 'team' | '—', 'all' | 'team' | '—', 'all' | 'team' | '—', 'all' | 'team' | '—']> = {
  'users.list':              ['all' , 'team', '—'  , '—'],
  'users.create':            ['all' , 'team', '—'  , '—'],
  'user.view':               ['all' , 'team', '—'  , '—'],
  'user.setPassword':        ['all' , 'team', '—'  , '—'],
  'user.sendResetLink':      ['all' , 'team', '—'  , '—'],
  'user.randomPassword':     ['all' , 'team', '—'  , '—'],
  'user.accessCode':         ['all' , 'team', '—'  , '—'],
  'user.unlock':             ['all' , 'team', '—'  , '—'],
  'user.resetTwoStep':       ['all' , 'team', '—'  , '—'],
  'user.resendActivation':   ['all' , 'team', '—'  , '—'],
  'user.signOutEverywhere':  ['all' , 'team', '—'  , '—'],
  'user.deactivate':         ['all' , 'team', '—'  , '—'],
  'user.reactivate':         ['all' , 'team', '—'  , '—'],
  'user.accessKeys':         ['all' , '—'   , '—'  , '—'],
  'user.passkeys':           ['all' , 'team', '—'  , '—'],
  'user.ssoIdentities':      ['all' , 'team', '—'  , '—'],
  'users.bulkUnlock':        ['all' , 'team', '—'  , '—'],
  'users.bulkDeactivate':    ['all' , 'team', '—'  , '—'],
  'users.bulkSendResetLink': ['all' , 'team', '—'  , '—'],
  'users.import':            ['all' , 'team', '—'  , '—'],
  'users.export':            ['all' , 'team', '—'  , '—'],
  'jobs.view':               ['all' , 'team', '—'  , '—'],
  'audit.view':              ['all' , 'team', '—'  , '—'],
  'outbox.view':             ['all' , '—'   , '—'  , '—'],
  'outbox.retry':            ['all' , '—'   , '—'  , '—'],
  'translations.edit':       ['all' , '—'   , 'all', '—'],
  'sso.manage':              ['all' , '—'   , '—'  , '—'],
};
const reachNames = { all: 'everyone', team: 'own team users', '—': 'none' } as const;
const roles = ['admin', 'manager', 'editor', 'user'] as const;

describe('the permission table', () => {
  it('is exactly the matrix written out here, action by action', () => {
    expect([...adminActions].sort()).toEqual(Object.keys(expected).sort());
    const written = Object.fromEntries(roles.map((role, column) => [role, Object.fromEntries(Object.entries(expected).map(([action, reach]) => [action, reachNames[reach[column]!]]))]));
    expect(permissionTable).toEqual(written);
  });

  it('lets managers give only the user role, editors none', () => {
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

  it('answers the written matrix for every role and action, on a plain user of the actor’s team and of another', () => {
    for (const [column, role] of roles.entries()) {
      const actor = person(`actor-${role}`, role, teamA);
      for (const [action, reach] of Object.entries(expected)) {
        const label = `${role} ${action}`;
        expect(can(actor, action as AdminAction, person('same-team', 'user', teamA)), label).toBe(reach[column] !== '—');
        expect(can(actor, action as AdminAction, person('other-team', 'user', teamB)), label).toBe(reach[column] === 'all');
      }
    }
  });
});
