import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { teams } from './schema';

/** Teams are named in the CLI and the admin area; the same name (any case) is the same team. */
export async function findOrCreateTeam(name: string, executor: Executor = db()): Promise<string> {
  await executor.insert(teams).values({ name }).onConflictDoNothing();
  const [team] = await executor
    .select({ id: teams.id })
    .from(teams)
    .where(eq(sql`lower(${teams.name})`, name.toLowerCase()));
  if (!team) throw new Error('team vanished after insert');
  return team.id;
}
