import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { openApiDocument } from '@/lib/api/openapi';
import { apiErrorBody, profile, userPage, usersQuery } from '@/lib/api/schemas';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { withMigratedDatabase } from '../../helpers/database';
import { callApi, keyFor } from '../../helpers/api';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

type Parameter = { name: string; in: string; description?: string; schema: { enum?: string[]; maxLength?: number; format?: string } };
type Operation = { parameters?: Parameter[]; responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };

/** An admin whose key works: with the 2-step verification the site asks of admins. */
async function admin() {
  const made = await makeUser({ role: 'admin' });
  await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, made.id));
  return { ...made, key: await keyFor(made.id) };
}

const document = () => openApiDocument() as unknown as { paths: Record<string, { get: Operation }>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

describe('the OpenAPI document', () => {
  it('lists each query parameter the users route reads, from its zod schema', () => {
    const parameters = document().paths['/users']!.get.parameters!;
    expect(parameters.map((parameter) => parameter.name)).toEqual(Object.keys(usersQuery.shape));
    expect(parameters.every((parameter) => parameter.in === 'query')).toBe(true);
    const byName = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter]));
    expect(byName.state!.schema.enum).toEqual(['active', 'locked', 'deactivated', 'pending']);
    expect(byName.sort!.schema).toMatchObject({ enum: ['name', 'created', 'lastSignIn'], default: 'name' });
    expect(byName.cursor!.description).toMatch(/`next`/);
  });

  it('takes every value it documents for a parameter, and the route refuses what it does not', async () => {
    const { key } = await admin();
    for (const parameter of document().paths['/users']!.get.parameters!) {
      for (const value of parameter.schema.enum ?? []) {
        const answer = await callApi(listUsers, `/users?${parameter.name}=${value}`, key);
        expect(answer.status, `${parameter.name}=${value}`).toBe(200);
      }
      const refused = parameter.schema.enum ? 'neither' : parameter.schema.format === 'uuid' ? 'not-an-id' : parameter.schema.maxLength ? 'x'.repeat(parameter.schema.maxLength + 1) : null;
      if (refused === null) continue;
      const answer = await callApi(listUsers, `/users?${parameter.name}=${refused}`, key);
      expect(answer.status, parameter.name).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_request', details: [expect.objectContaining({ parameter: parameter.name })] });
    }
  });

  it('describes the answers the routes give, the `next` cursor and every error with the schemas the routes are typed with', async () => {
    const { key, ...owner } = await admin();
    const { paths, components } = document();
    const schemaOf = (operation: Operation, status: string) => operation.responses[status]!.content['application/json']!.schema.$ref;

    expect(schemaOf(paths['/me']!.get, '200')).toBe('#/components/schemas/Profile');
    expect(profile.parse((await callApi(me, '/me', key)).body)).toMatchObject({ id: owner.id });

    expect(schemaOf(paths['/users']!.get, '200')).toBe('#/components/schemas/UserPage');
    expect(components.schemas.UserPage!.properties).toHaveProperty('next');
    expect(userPage.parse((await callApi(listUsers, '/users', key)).body).users.length).toBeGreaterThan(0);

    for (const status of ['400', '401', '403', '429', '503']) {
      for (const path of ['/me', '/users']) expect(schemaOf(paths[path]!.get, status), `${path} ${status}`).toBe('#/components/schemas/Error');
    }
    expect(apiErrorBody.parse((await callApi(listUsers, '/users?page=2', key)).body).error.code).toBe('invalid_request');
    expect(apiErrorBody.parse((await callApi(me, '/me')).body).error.code).toBe('missing_key');
  });

  it('names the access key as the security of every route', () => {
    const whole = openApiDocument();
    expect(whole.security).toEqual([{ accessKey: [] }]);
    expect(whole.components.securitySchemes.accessKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
