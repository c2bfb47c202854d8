import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { revokeUserAccessKey } from '@/lib/admin/access-keys';
import { keyRoute } from '@/lib/api/route';
import { db } from '@/lib/db/client';
import { accessKeys, users } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import { permissionTable } from '@/lib/permissions/policy';
import { withMigratedDatabase } from '../../helpers/database';
import { actorOf, callApi, keyFor } from '../../helpers/api';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const keyRow = async (userId: string) => (await db().select().from(accessKeys).where(eq(accessKeys.userId, userId)))[0]!;

describe('authentication', () => {
  it('answers 401 missing_key without a bearer header, or with another scheme', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer  two words', 'ssm_abc']) {
      const response = await callApi(me, '/me', null, authorization ? { authorization } : {});
      expect(response.status, String(authorization)).toBe(401);
      expect(response.body).toEqual({ error: { code: 'missing_key', message: expect.any(String) } });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers 401 invalid_key for a key it does not know, a revoked key and a key that is not one', async () => {
    const owner = await makeUser();
    const key = await keyFor(owner.id);
    const unknown = `ssm_${'A'.repeat(43)}`;
    const admin = await actorOf((await makeUser({ role: 'admin' })).id);
    await revokeUserAccessKey(admin, owner.id, (await keyRow(owner.id)).id, { ip: null });
    for (const wrong of [unknown, key, 'some-other-token', `${key}x`]) {
      const response = await callApi(me, '/me', wrong);
      expect(response.status).toBe(401);
      expect(response.body.error?.code).toBe('invalid_key');
    }
  });

  it('refuses a key in the address with 400 key_in_query, even a valid one sent in the header too', async () => {
    const owner = await makeUser();
    const key = await keyFor(owner.id);
    const addresses = [
      `/me?key=${key}`,
      `/me?access_key=${key}`,
      `/me?token=anything`,
      `/users?q=${key}`,
      `/users?q=${key.slice(0, 16)}`,
      `/me?${key}`,
      `/me?Access_Key=x`,
    ];
    for (const address of addresses) {
      for (const handler of [me, listUsers]) {
        const response = await callApi(handler, address.replace(/^\/(me|users)/, ''), key);
        expect(response.status, address).toBe(400);
        expect(response.body.error?.code).toBe('key_in_query');
      }
    }
    // Refused before it counts as a use.
    expect((await keyRow(owner.id)).lastUsedAt).toBeNull();
  });

  it('records the last use, writing at most once a minute', async () => {
    const owner = await makeUser();
    const key = await keyFor(owner.id);
    expect((await keyRow(owner.id)).lastUsedAt).toBeNull();
    await callApi(me, '/me', key);
    const first = (await keyRow(owner.id)).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);
    const recent = new Date(Date.now() - 30_000);
    await db().update(accessKeys).set({ lastUsedAt: recent }).where(eq(accessKeys.userId, owner.id));
    await callApi(me, '/me', key);
    expect((await keyRow(owner.id)).lastUsedAt).toEqual(recent);
    await db().update(accessKeys).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(accessKeys.userId, owner.id));
    await callApi(me, '/me', key);
    expect(Date.now() - (await keyRow(owner.id)).lastUsedAt!.getTime()).toBeLessThan(30_000);
  });
});

describe('failures', () => {
  it('answers 503 unavailable with Retry-After when the database drops mid-request, and a bare 500 for anything else', async () => {
    const key = await keyFor((await makeUser()).id);
    const dropped = keyRoute('test', async () => {
      throw new Error('query failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    });
    const unavailable = await callApi(dropped, '/test', key);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(unavailable.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });

    const broken = await callApi(keyRoute('test', async () => Promise.reject(new TypeError('bug'))), '/test', key);
    expect(broken.status).toBe(500);
    expect(broken.body.error?.code).toBe('internal_error');
  });
});

describe('GET /api/v1/me', () => {
  it("describes the key's owner, and nothing secret", async () => {
    const owner = await makeUser({ name: 'Inès Moreau', locale: 'fr', team: `team-${randomUUID()}` });
    const user = (await findUserById(owner.id))!;
    const response = await callApi(me, '/me', await keyFor(owner.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      id: owner.id,
      email: owner.email,
      username: owner.username,
      name: 'Inès Moreau',
      locale: 'fr',
      role: 'user',
      team: { id: user.teamId, name: user.teamName },
      state: 'active',
    });
  });
});

describe('GET /api/v1/users', () => {
  // One search tag per run: the accounts of this test are the only ones it can list.
  const tag = `zq${randomUUID().slice(0, 8)}`;
  const teamA = `team-a-${tag}`;
  const teamB = `team-b-${tag}`;
  let made: ReturnType<typeof makeWorld> | undefined;
  const world = () => (made ??= makeWorld());
  const makeWorld = async () => {
    const make = async (role: 'user' | 'manager' | 'admin' | 'editor', team: string | undefined, who: string) => {
      const made = await makeUser({ role, team, name: `${who} ${tag}` });
      // Keys of accounts that manage others work only while their owners have 2-step verification.
      if (role === 'admin' || role === 'manager') await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, made.id));
      return made;
    };
    const accounts = {
      user: await make('user', teamA, 'Plain user'),
      editor: await make('editor', teamA, 'Editor'),
      managerA: await make('manager', teamA, 'Manager A'),
      managerB: await make('manager', teamB, 'Manager B'),
      admin: await make('admin', undefined, 'Admin'),
      memberA: await make('user', teamA, 'Member A'),
      memberB: await make('user', teamB, 'Member B'),
    };
    const everyone = await Promise.all(Object.values(accounts).map(async (account) => (await findUserById(account.id))!));
    return { accounts, everyone };
  };

  const callers = [
    { name: 'the editor', account: 'editor' },
    { name: 'a plain user', account: 'user' },
    { name: 'a manager of another team', account: 'managerB' },
    { name: 'the manager of the team', account: 'managerA' },
    { name: 'an admin', account: 'admin' },
  ] as const;

  it('refuses an anonymous caller with 401', async () => {
    const response = await callApi(listUsers, `/users?q=${tag}`);
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe('missing_key');
  });

  it.each(callers)('as $name: answers and lists exactly what the permission table says', async ({ account }) => {
    const { accounts, everyone } = await world();
    const caller = (await findUserById(accounts[account].id))!;
    const reach = permissionTable[caller.role]['users.list'];
    const response = await callApi(listUsers, `/users?q=${tag}`, await keyFor(caller.id));
    if (reach === 'none') {
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      return;
    }
    expect(response.status).toBe(200);
    const expected = everyone.filter((user) => reach === 'everyone' || (user.role === 'user' && user.teamId === caller.teamId));
    const listed = response.body.users as Array<{ id: string }>;
    expect(listed.map((user) => user.id).sort()).toEqual(expected.map((user) => user.id).sort());
    expect(response.body).toMatchObject({ total: { value: expected.length, relation: 'exact' }, next: null });
  });

  it("never shows a manager another team's users, even when asked for that team", async () => {
    const { accounts, everyone } = await world();
    const teamBId = everyone.find((user) => user.id === accounts.memberB.id)!.teamId!;
    const key = await keyFor(accounts.managerA.id);
    const response = await callApi(listUsers, `/users?q=${tag}&team=${teamBId}`, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ users: [], total: { value: 0, relation: 'exact' } });
    const own = await callApi(listUsers, `/users?team=${teamBId}`, key);
    expect(own.body.users).toEqual([]);
  });

  it('applies the filters of the admin users list', async () => {
    const { accounts, everyone } = await world();
    const key = await keyFor(accounts.admin.id);
    const teamAId = everyone.find((user) => user.id === accounts.memberA.id)!.teamId!;
    const byTeam = await callApi(listUsers, `/users?q=${tag}&team=${teamAId}&sort=created`, key);
    expect((byTeam.body.users as Array<{ id: string }>).map((user) => user.id).sort()).toEqual(
      everyone.filter((user) => user.teamId === teamAId).map((user) => user.id).sort(),
    );
    const locked = await callApi(listUsers, `/users?q=${tag}&state=locked`, key);
    expect(locked.body.users).toEqual([]);
    const member = (byTeam.body.users as Array<Record<string, unknown>>).find((user) => user.id === accounts.memberA.id);
    expect(Object.keys(member!).sort()).toEqual(
      ['id', 'email', 'username', 'name', 'locale', 'role', 'team', 'state', 'phone', 'locked', 'twoStep', 'createdAt', 'lastSignInAt'].sort(),
    );
  });

  it('pages with a `next` cursor until the last page, and an account added meanwhile shifts nothing', async () => {
    const pageTag = `zp${randomUUID().slice(0, 8)}`;
    for (let index = 0; index < 26; index += 1) await makeUser({ name: `Paged ${pageTag} ${String(index).padStart(2, '0')}`, state: 'pending', password: undefined });
    const key = await keyFor((await world()).accounts.admin.id);
    const first = await callApi(listUsers, `/users?q=${pageTag}`, key);
    expect(first.body).toMatchObject({ total: { value: 26, relation: 'exact' }, next: expect.any(String) });
    expect(first.body.users).toHaveLength(25);
    // Sorts before the cursor: it does not push the 26th account back onto the first page.
    await makeUser({ name: `Paged ${pageTag} 00 early`, state: 'pending', password: undefined });
    const second = await callApi(listUsers, `/users?q=${pageTag}&cursor=${encodeURIComponent(first.body.next as string)}`, key);
    expect(second.body).toMatchObject({ total: { value: 27, relation: 'exact' }, next: null });
    expect((second.body.users as Array<{ name: string }>).map((user) => user.name)).toEqual([`Paged ${pageTag} 25`]);
    // A cursor belongs to its order: in another, it is refused rather than misread.
    const otherSort = await callApi(listUsers, `/users?q=${pageTag}&sort=created&cursor=${encodeURIComponent(first.body.next as string)}`, key);
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error).toMatchObject({ code: 'invalid_request', details: [expect.objectContaining({ parameter: 'cursor' })] });
  });

  it('answers 400 invalid_request, naming the parameter, for a filter it cannot apply', async () => {
    const key = await keyFor((await world()).accounts.admin.id);
    for (const [query, parameter] of [
      ['state=asleep', 'state'],
      ['team=not-a-uuid', 'team'],
      ['sort=age', 'sort'],
      ['page=2', 'page'],
      ['cursor=not-a-cursor', 'cursor'],
      ['state=active&state=pending', 'state'],
    ]) {
      const response = await callApi(listUsers, `/users?${query}`, key);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_request', details: [expect.objectContaining({ parameter })] });
    }
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes every route of the API as OpenAPI 3.1, without a key', async () => {
    const response = await openapi();
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    const routes = readdirSync(path.resolve('app/api/v1'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'openapi.json' && !entry.name.startsWith('['))
      .map((entry) => `/${entry.name}`);
    expect(Object.keys(document.paths).sort()).toEqual(routes.sort());
  });
});
