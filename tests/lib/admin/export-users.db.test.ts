import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exportUsersCsv } from '@/lib/admin/export-users';
import { parseCsv } from '@/lib/csv/parse';
import { db } from '@/lib/db/client';
import { auditEvents, users } from '@/lib/db/schema';
import { findOrCreateTeam } from '@/lib/db/teams';
import { findUserById } from '@/lib/db/users';
import type { Actor } from '@/lib/permissions/can';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

async function actorOf(role: Actor['role'], team?: string): Promise<Actor> {
  const user = (await findUserById((await makeUser({ role, team })).id))!;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state };
}

describe('the users export', () => {
  it("streams every account of the filter in the manager's reach, pages past the first, formulas defused, and is audited", async () => {
    const team = `Export ${Date.now()}`;
    const teamId = await findOrCreateTeam(team, db());
    await db().execute(sql`insert into ${users} (email, name, role, team_id, state, locale)
      select 'export.' || n || '@example.com', case when n = 7 then '=cmd|'' /C calc''!A0' else 'Person ' || n end, 'user', ${teamId}, 'active', 'en'
      from generate_series(1, 2100) as n`);
    await db().execute(sql`insert into ${users} (email, name, role, team_id, state, locale) values ('export.other@example.com', 'Other', 'user', null, 'active', 'en')`);
    const manager = await actorOf('manager', team);

    const stream = (await exportUsersCsv(manager, { search: 'export.' }, { ip: null }))!;
    const records = parseCsv(await new Response(stream).text())!;
    expect(records[0]?.cells).toEqual(['email', 'username', 'phone', 'name', 'role', 'team', 'locale', 'state']);
    expect(records).toHaveLength(2101);
    const emails = new Set(records.slice(1).map((record) => record.cells[0]));
    expect(emails.size).toBe(2100);
    expect(emails.has('export.other@example.com')).toBe(false);
    expect(records.find((record) => record.cells[0] === 'export.7@example.com')?.cells[3]).toBe("'=cmd|' /C calc'!A0");

    const audited = await db().select().from(auditEvents).where(and(eq(auditEvents.event, 'admin.users_exported'), eq(auditEvents.actorUserId, manager.id)));
    expect(audited).toHaveLength(1);
    expect(await exportUsersCsv(await actorOf('editor'), {}, { ip: null })).toBeNull();
  });
});
