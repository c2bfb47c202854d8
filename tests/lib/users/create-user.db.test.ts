import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { auditEvents, teams, users } from '@/lib/db/schema';
import { createUser } from '@/lib/users/create-user';
import { withMigratedDatabase } from '../../helpers/database';
import { GOOD_PASSWORD } from '../../helpers/users';

withMigratedDatabase();

describe('createUser', () => {
  it('stores identifiers normalised and the password as argon2id, and audits the creation', async () => {
    const result = await createUser({
      email: ' Jeanne.Roux@Example.FR ',
      username: 'JRoux',
      phone: '+33 6 11 22 33 44',
      name: '  Jeanne   Roux ',
      password: GOOD_PASSWORD,
      locale: 'fr',
      team: 'Ventes',
    });
    expect(result.ok).toBe(true);
    const id = (result as { id: string }).id;
    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({
      email: 'jeanne.roux@example.fr',
      username: 'jroux',
      phone: '+33611223344',
      name: 'Jeanne Roux',
      locale: 'fr',
      role: 'user',
      state: 'active',
    });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db().select().from(auditEvents).where(eq(auditEvents.targetUserId, id))).toHaveLength(1);
  });

  it('refuses an identifier that is already taken, naming which, whatever its case', async () => {
    await createUser({ email: 'taken@example.com', username: 'taken', password: GOOD_PASSWORD });
    expect(await createUser({ email: 'TAKEN@example.com', username: 'Taken', password: GOOD_PASSWORD })).toEqual({
      ok: false,
      problems: [
        { field: 'email', code: 'taken' },
        { field: 'username', code: 'taken' },
      ],
    });
  });

  it('lets exactly one of two simultaneous creations with the same email succeed', async () => {
    const results = await Promise.all(
      [1, 2].map(() => createUser({ email: 'race@example.com', password: GOOD_PASSWORD })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, problems: [{ field: 'email', code: 'taken' }] });
  });

  it('applies the password policy and explains each problem', async () => {
    const result = await createUser({ email: 'weak@example.com', password: 'weakling1' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'password', code: 'tooShort' },
        { field: 'password', code: 'containsPersonalInfo' },
      ],
    });
  });

  it('needs a password for an active account but not for a pending one', async () => {
    expect(await createUser({ email: 'nopass@example.com' })).toEqual({
      ok: false,
      problems: [{ field: 'password', code: 'required' }],
    });
    expect(await createUser({ email: 'nopass@example.com', state: 'pending' })).toMatchObject({ ok: true });
  });

  it('refuses invalid email, username, phone, role and locale', async () => {
    const result = await createUser({ email: 'not-an-email', username: 'a b', phone: '12', password: GOOD_PASSWORD });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'email', code: 'invalid' },
        { field: 'username', code: 'invalid' },
        { field: 'phone', code: 'invalid' },
      ],
    });
    expect(await createUser({ email: 'x@example.com', role: 'root' as 'admin', locale: 'de' as 'en' })).toEqual({
      ok: false,
      problems: [
        { field: 'role', code: 'invalid' },
        { field: 'locale', code: 'invalid' },
        { field: 'password', code: 'required' },
      ],
    });
  });

  it('puts people named in the same team, in any case, into one team', async () => {
    await createUser({ email: 'a@support.test', password: GOOD_PASSWORD, team: 'Support Desk' });
    await createUser({ email: 'b@support.test', password: GOOD_PASSWORD, team: 'support desk' });
    const rows = await db().select().from(teams);
    expect(rows.filter((team) => team.name.toLowerCase() === 'support desk')).toHaveLength(1);
  });
});
