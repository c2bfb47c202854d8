import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as unknownGet, POST as unknownPost } from '@/app/api/v1/[[...path]]/route';
import { GET as me } from '@/app/api/v1/me/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { peerHeader, startRecordingPeers } from '@/lib/network/peer-header';
import { withMigratedDatabase } from '../../helpers/database';
import { callApi, keyFor } from '../../helpers/api';
import { makeUser } from '../../helpers/users';

// Small limits, so that a test reaches them; read once per test file.
process.env.API_KEY_RATE_LIMIT = '5';
process.env.API_FAILURE_LIMIT = '3';
// As the server does: each request's socket address recorded in the header it owns.
startRecordingPeers();
const PEER = peerHeader()!;

withMigratedDatabase();

let addresses = 0;
/** An address of its own for each test, so their counts never meet. */
const newAddress = () => `203.0.113.${++addresses}`;

describe('API rate limits', () => {
  it('answers 429 with Retry-After once one address has sent too many requests without a valid key', async () => {
    const from = { [PEER]: newAddress() };
    const wrong = `ssm_${'B'.repeat(43)}`;
    for (let attempt = 1; attempt <= 3; attempt++) expect((await callApi(me, '/me', wrong, from)).status, `attempt ${attempt}`).toBe(401);
    for (const key of [wrong, null]) {
      const limited = await callApi(me, '/me', key, from);
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
      const seconds = Number(limited.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(15 * 60);
    }
    // Another address is not held back, nor is a valid key from the same address.
    expect((await callApi(me, '/me', wrong, { [PEER]: newAddress() })).status).toBe(401);
    expect((await callApi(me, '/me', await keyFor((await makeUser()).id), from)).status).toBe(200);
  });

  it('answers 429 to a key past its requests per minute, and only to that key', async () => {
    const from = { [PEER]: newAddress() };
    const busy = await keyFor((await makeUser()).id);
    for (let request = 1; request <= 5; request++) expect((await callApi(me, '/me', busy, from)).status, `request ${request}`).toBe(200);
    const limited = await callApi(me, '/me', busy, from);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await callApi(me, '/me', await keyFor((await makeUser()).id), from)).status).toBe(200);
  });
});

describe('keys of accounts that manage others', () => {
  it('stop working while their owner lacks 2-step verification, and say why', async () => {
    for (const role of ['admin', 'manager'] as const) {
      const owner = await makeUser({ role, team: role === 'manager' ? 'Limits team' : undefined });
      const key = await keyFor(owner.id);
      for (const [handler, path] of [[me, '/me'], [listUsers, '/users']] as const) {
        const refused = await callApi(handler, path, key, { [PEER]: newAddress() });
        expect(refused.status, `${role} ${path}`).toBe(403);
        expect(refused.body).toEqual({ error: { code: 'two_step_required', message: expect.stringContaining('2-step') } });
      }
      await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, owner.id));
      expect((await callApi(listUsers, '/users', key)).status, role).toBe(200);
    }
    // A plain user's key is not concerned: the policy is about power over other accounts.
    expect((await callApi(me, '/me', await keyFor((await makeUser()).id))).status).toBe(200);
  });
});

describe('addresses the API does not serve', () => {
  it('answer JSON not_found, whatever the method', async () => {
    for (const handler of [unknownGet, unknownPost]) {
      const response = await handler();
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });
});
