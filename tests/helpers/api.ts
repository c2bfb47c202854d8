import { expect } from 'vitest';
import { createAccessKey } from '@/lib/admin/access-keys';
import { findUserById } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { makeUser } from './users';

/** An account as the permission checks see it. */
export async function actorOf(id: string): Promise<Actor> {
  const user = (await findUserById(id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

let keyMaker: Actor | undefined;

/** A fresh key for the account, made by an admin the way the admin page makes one. */
export async function keyFor(userId: string, name = 'Test integration'): Promise<string> {
  keyMaker ??= await actorOf((await makeUser({ role: 'admin' })).id);
  const result = await createAccessKey(keyMaker, userId, name, { ip: null });
  if (!result.ok) expect.fail(`could not make a key: ${JSON.stringify(result)}`);
  return result.secret;
}

/** Calls a route handler of the API as a client would, with the key in the header when given. */
export async function callApi(handler: (request: Request) => Promise<Response>, path: string, key?: string | null, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000/api/v1${path}`, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });
  const response = await handler(request);
  const body = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };
  return { status: response.status, body, headers: response.headers };
}
