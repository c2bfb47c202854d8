/**
 * Run before a browser-test site starts (`node --import tsx --import ./scripts/runtime/register.mjs
 * tests/e2e/seed-many-accounts.ts`): a few thousand accounts in one statement, so lists have
 * pages to walk and jobs have work to do. Creating them through the CLI would hash a password
 * for each; these never sign in.
 */
import { sql } from 'drizzle-orm';
import { closeDb, db, getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { env } from '@/lib/env';
import { MANY_ACCOUNTS } from './fixtures';

await applyMigrations(getDbHandle(), env().DATABASE_URL);
await db().execute(sql`insert into users (email, name, role, state, locale, activated_at)
  select 'many.' || n || '@example.com',
    case when n <= ${MANY_ACCOUNTS.perTag} then ${MANY_ACCOUNTS.tags.fr} || ' ' || n
         when n <= ${2 * MANY_ACCOUNTS.perTag} then ${MANY_ACCOUNTS.tags.en} || ' ' || n
         else 'Person ' || n end,
    'user', 'active', (case when n % 2 = 0 then 'fr' else 'en' end)::locale, now()
  from generate_series(1, ${MANY_ACCOUNTS.total}) as n`);
await closeDb();
