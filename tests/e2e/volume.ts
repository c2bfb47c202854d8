import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '@/lib/db/client';

/** A team of a few thousand accounts for the tests of long lists, the same on both databases. */
export const VOLUME_TEAM = 'Volume';
export const VOLUME_ACCOUNTS = 3_000;

// Active, pending and deactivated in fixed shares; no password (nobody signs in as them) and no
// pause, so the lists other tests read (the Locked filter) are as they were.
const statements = [
  `insert into teams (name) values ('${VOLUME_TEAM}')`,
  `insert into users (email, name, locale, team_id, state, created_at)
   select 'volume.' || g || '@example.com',
     (array['Anouk', 'Bastien', 'Céleste', 'Dorian', 'Elise', 'Firmin', 'Gaëlle', 'Honoré'])[1 + g % 8] || ' ' ||
       (array['Aubry', 'Besson', 'Carré', 'Delmas', 'Éluard', 'Fabre', 'Giraud', 'Hamel', 'Imbert', 'Jacob'])[1 + (g / 8) % 10] || ' ' || g,
     (case when g % 2 = 0 then 'fr' else 'en' end)::locale,
     (select id from teams where name = '${VOLUME_TEAM}'),
     (case when g % 10 < 7 then 'active' when g % 10 < 9 then 'pending' else 'deactivated' end)::account_state,
     now() - g * interval '1 minute'
   from generate_series(1, ${VOLUME_ACCOUNTS}) g`,
];

/** Adds the accounts in one go: through SQL on PostgreSQL, or opening the embedded database (the site not yet started). */
export async function seedVolume(target: { databaseUrl: string } | { dataDir: string }) {
  if ('databaseUrl' in target) {
    const client = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
    for (const statement of statements) await client.unsafe(statement);
    await client.end();
    return;
  }
  const handle = openDatabase({ dataDir: target.dataDir });
  for (const statement of statements) await handle.db.execute(sql.raw(statement));
  await handle.close();
}
