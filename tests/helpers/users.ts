import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createUser, type CreateUserInput } from '@/lib/users/create-user';

export const GOOD_PASSWORD = 'purple elephants dance quietly';

/** A user with unique identifiers, so tests in one database never meet. */
export async function makeUser(overrides: Partial<CreateUserInput> = {}) {
  const tag = randomUUID().slice(0, 8);
  const input: CreateUserInput = {
    email: `user-${tag}@example.com`,
    username: `user-${tag}`,
    name: 'Test Person',
    password: GOOD_PASSWORD,
    ...overrides,
  };
  const result = await createUser(input);
  if (!result.ok) expect.fail(`could not create test user: ${JSON.stringify(result.problems)}`);
  return { id: result.id, ...input };
}
