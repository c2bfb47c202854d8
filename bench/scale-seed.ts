/**
 * Fills a migrated PostgreSQL database with a large organisation, in SQL (`generate_series`),
 * never one insert per row: teams, accounts in realistic shares of states, roles, 2-step,
 * passkeys and live sign-in pauses, years of audit events, and an outbox of sent and failed
 * emails. Secondary indexes are dropped while a big table fills and built again afterwards,
 * which PostgreSQL does several times faster than keeping them up to date row by row.
 */
import postgres from 'postgres';
import { auditEventNames } from '@/lib/db/audit';

export interface ScaleSize {
  accounts: number;
  teams: number;
  auditEvents: number;
  /** Days the audit events span, ending now. */
  auditDays: number;
  sentEmails: number;
  failedEmails: number;
  lockedAccounts: number;
}

const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Emma', 'Alice', 'Lina', 'Zoé', 'Juliette', 'Anna', 'Rose', 'Ambre',
  'Hugo', 'Lucas', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Adam', 'Raphaël', 'Léo', 'Nathan', 'Paul', 'Noé', 'Théo', 'Tom', 'Sacha',
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Martine', 'Christine', 'Sophie', 'Valérie', 'Sandrine', 'Céline',
  'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Stéphane', 'Laurent', 'Frédéric', 'Éric', 'David',
  'Olivia', 'Mia', 'Amelia', 'Isla', 'Ava', 'Grace', 'Freya', 'Lily', 'Ella', 'Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Oscar',
  'Mohamed', 'Yasmine', 'Karim', 'Fatima', 'Mehdi', 'Sarah', 'Youssef', 'Nour', 'Wei', 'Mei', 'Hiroshi', 'Aiko', 'Priya', 'Arjun',
];
const LAST_NAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèbvre',
  'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent',
  'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier',
  'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval',
  'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas',
  'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martínez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal',
  'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre',
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker',
  'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin',
  'Nguyen', 'Tran', 'Le', 'Pham', 'Benali', 'Haddad', 'Mansour', 'Khan', 'Patel', 'Singh', 'Sato', 'Suzuki', 'Wang', 'Li', 'Zhang',
];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example.fr', 'telecom.example.com'];

// How often each event happens, relative to the others: sign-ins dominate a real log.
const EVENT_WEIGHTS: Partial<Record<(typeof auditEventNames)[number], number>> = {
  'sign_in.succeeded': 50,
  'sign_in.failed': 14,
  sign_out: 8,
  'two_step.challenged': 8,
  'session.confirmed': 3,
  'recovery.requested': 3,
  'password.reset': 2,
  'sign_in.locked': 1,
  'profile.updated': 1,
  'passkey.added': 1,
  'password.changed': 1,
};
const ADMIN_EVENTS = auditEventNames.filter((name) => name.startsWith('admin.'));

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
const sqlArray = (values: readonly string[]) => `array[${values.map(sqlText).join(',')}]::text[]`;
const unaccent = (expression: string) => `translate(lower(${expression}), 'éèëêàâçîïôöûüÿíñ', 'eeeeaaciioouuyin')`;

/** The id of the n-th seeded account: computed again wherever an event or a row points at one. */
export const accountId = (n: string) => `md5('bench-account-' || (${n}))::uuid`;

/** Drops a table's secondary indexes (not those behind constraints), runs `fill`, builds them again. */
async function withoutSecondaryIndexes(sql: postgres.Sql, table: string, fill: () => Promise<unknown>) {
  const indexes = await sql<Array<{ name: string; definition: string }>>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = 'public' and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  await fill();
  // Two at a time: the machine has two cores, and each build is mostly one sort.
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(async () => {
      for (let index = queue.shift(); index; index = queue.shift()) await sql.unsafe(index.definition);
    }),
  );
}

/** Runs `statements` for `count` rows, split in `parts` ranges on the pool's connections at once. */
async function inParts(count: number, parts: number, statement: (from: number, to: number) => Promise<unknown>) {
  const size = Math.ceil(count / parts);
  await Promise.all(Array.from({ length: parts }, (_, part) => statement(part * size + 1, Math.min(count, (part + 1) * size))));
}

/**
 * Seed rows point at accounts by computed id: foreign keys are checked by triggers, which a
 * replica-role session skips (the bench connects as a superuser to its own database).
 */
export function seedingConnections(databaseUrl: string) {
  return postgres(databaseUrl, { max: 4, onnotice: () => {}, connection: { session_replication_role: 'replica', maintenance_work_mem: '512MB' } });
}

export async function seedLargeOrganisation(sql: postgres.Sql, size: ScaleSize, passwordHash: string, log: (line: string) => void) {

  log(`${size.teams} teams`);
  await sql.unsafe(`insert into teams (id, name)
    select md5('bench-team-' || g)::uuid, 'Team ' || lpad(g::text, 3, '0') from generate_series(1, ${size.teams}) g`);

  log(`${size.accounts.toLocaleString('en')} accounts`);
  const first = sqlArray(FIRST_NAMES);
  const last = sqlArray(LAST_NAMES);
  const domains = sqlArray(DOMAINS);
  await withoutSecondaryIndexes(sql, 'users', () =>
    inParts(size.accounts, 2, (from, to) =>
      sql.unsafe(`
        with drawn as (
          select g,
            (${first})[1 + floor(random() * ${FIRST_NAMES.length})::int] as first_name,
            (${last})[1 + floor(random() * ${LAST_NAMES.length})::int] as last_name,
            random() as state_draw, random() as extra_draw, random() as two_step_draw,
            now() - random() * interval '6 years' as created
          from generate_series(${from}, ${to}) g
        ), shaped as (
          select *,
            case when state_draw < 0.04 then 'pending' when state_draw < 0.12 then 'deactivated' else 'active' end::account_state as state
          from drawn
        )
        insert into users (id, email, username, phone, name, locale, role, team_id, state, password_hash, password_changed_at,
          totp_secret_encrypted, totp_enabled_at, email_otp_enabled, activated_at, deactivated_at, last_sign_in_at, created_at, updated_at)
        select ${accountId('g')},
          ${unaccent('first_name')} || '.' || ${unaccent('last_name')} || '.' || g || '@' || (${domains})[1 + g % ${DOMAINS.length}],
          case when extra_draw < 0.35 then ${unaccent("left(first_name, 1) || replace(last_name, ' ', '')")} || g end,
          case when extra_draw > 0.55 then '+336' || lpad(g::text, 8, '0') end,
          first_name || ' ' || last_name,
          (case when g % 10 < 7 then 'fr' else 'en' end)::locale,
          (case when g <= 10 then 'admin' when g <= 10 + ${size.teams} then 'manager' when g <= 15 + ${size.teams} then 'editor' else 'user' end)::role,
          case when g % 33 = 0 then null else md5('bench-team-' || (1 + g % ${size.teams}))::uuid end,
          state,
          case when state <> 'pending' then ${sqlText(passwordHash)} end,
          case when state <> 'pending' then created + interval '1 day' end,
          case when state = 'active' and two_step_draw < 0.2 then 'bench' end,
          case when state = 'active' and two_step_draw < 0.2 then created + interval '2 days' end,
          state = 'active' and two_step_draw >= 0.2 and two_step_draw < 0.25,
          case when state <> 'pending' then created + interval '1 day' end,
          case when state = 'deactivated' then created + (now() - created) * 0.5 end,
          case
            when state = 'active' and extra_draw < 0.9 then now() - power(random(), 2) * interval '365 days'
            when state = 'deactivated' then created + (now() - created) * 0.4
          end,
          created, created
        from shaped`),
    ),
  );

  log(`${size.lockedAccounts.toLocaleString('en')} live sign-in pauses and idle counters`);
  await sql.unsafe(`
    insert into sign_in_throttle (key, scope, user_id, failures, window_started_at, locked_until, updated_at)
    select 'bench-pause-' || g, 'account', ${accountId('g')}, 5, now(), now() + interval '12 hours', now()
    from generate_series(1, ${size.lockedAccounts}) n, lateral (select n * ${Math.floor(size.accounts / (size.lockedAccounts + 1))} as g) spread
    union all
    select 'bench-counter-' || g, (array['account', 'address', 'identifier']::throttle_scope[])[1 + g % 3],
      case when g % 3 = 0 then ${accountId('1 + (g::bigint * 7919) % ' + size.accounts)} end, 1 + g % 4, now(), null, now() - (g % 20) * interval '1 hour'
    from generate_series(1, ${Math.round(size.accounts / 20)}) g`);
  // The copy of each pause on its account (drizzle/0018) is kept by triggers, which these
  // replica-role connections skip: made here as the migration makes it for pauses it finds.
  await sql.unsafe(`
    update users set sign_in_paused_until = t.locked_until from sign_in_throttle t
    where t.user_id = users.id and t.scope = 'account' and t.locked_until > now()`);

  log('passkeys');
  await sql.unsafe(`
    insert into passkeys (user_id, credential_id, public_key, counter, name, created_at)
    select id, 'bench-credential-' || id, 'bench', 0, 'Laptop', created_at + interval '3 days'
    from users where state = 'active' and ('x' || left(id::text, 2))::bit(8)::int < 13`);

  log(`${size.auditEvents.toLocaleString('en')} audit events over ${size.auditDays} days`);
  const weighted = Object.entries(EVENT_WEIGHTS).flatMap(([name, weight]) => Array.from({ length: weight }, () => name));
  await withoutSecondaryIndexes(sql, 'audit_events', () =>
    inParts(size.auditEvents, 4, (from, to) =>
      sql.unsafe(`
        with drawn as (
          select g, 1 + floor(random() * ${size.accounts})::int as target, random() as kind,
            now() - interval '${size.auditDays} days' * (1 - g::float8 / ${size.auditEvents}) + random() * interval '10 seconds' as occurred
          from generate_series(${from}, ${to}) g
        )
        insert into audit_events (occurred_at, event, actor_user_id, target_user_id, ip, detail)
        select least(occurred, now()),
          case when kind < 0.002 then (${sqlArray(ADMIN_EVENTS)})[1 + g % ${ADMIN_EVENTS.length}]
            else (${sqlArray(weighted)})[1 + floor(random() * ${weighted.length})::int] end,
          case when kind < 0.002 then ${accountId('1 + g % 10')} when kind < 0.9 then ${accountId('target')} end,
          ${accountId('target')},
          '198.51.100.' || (g % 250),
          '{}'::jsonb
        from drawn`),
    ),
  );

  log(`${size.sentEmails.toLocaleString('en')} sent and ${size.failedEmails.toLocaleString('en')} failed emails`);
  await withoutSecondaryIndexes(sql, 'email_outbox', () =>
    sql.unsafe(`
      insert into email_outbox (user_id, recipient, locale, template, props, status, attempts, last_error, created_at, sent_at)
      select ${accountId('n')}, 'person.' || n || '@example.com', 'fr',
        (array['passwordReset', 'newSignIn', 'twoStepCode', 'magicLink'])[1 + g % 4],
        jsonb_build_object('name', 'Person ' || n),
        case when g <= ${size.failedEmails} then 'failed' else 'sent' end::email_status,
        case when g <= ${size.failedEmails} then 5 else 1 end,
        case when g <= ${size.failedEmails} then 'provider answered 500' end,
        created,
        case when g > ${size.failedEmails} then created + interval '2 seconds' end
      from (
        select g, 1 + (g::bigint * 7919) % ${size.accounts} as n, now() - random() * interval '60 days' as created
        from generate_series(1, ${size.sentEmails + size.failedEmails}) g
      ) drawn`),
  );

}

/** Accounts that sign in during the bench: the same in the large database and the empty one. */
export async function seedBenchAccounts(sql: postgres.Sql, count: number, passwordHash: string) {
  await sql.unsafe(`insert into teams (id, name) values (md5('bench-team-1')::uuid, 'Team 001') on conflict do nothing`);
  const hashed = sqlText(passwordHash);
  await sql.unsafe(`
    insert into users (email, name, locale, state, password_hash, password_changed_at, activated_at)
    select 'load.' || g || '@example.com', 'Load Tester ' || g, 'fr', 'active', ${hashed}, now(), now() from generate_series(0, ${count - 1}) g`);
  // Admins and managers enter the admin area only with 2-step verification on.
  await sql.unsafe(`
    insert into users (email, name, locale, role, team_id, state, password_hash, password_changed_at, email_otp_enabled, activated_at) values
      ('bench.admin@example.com', 'Bench Admin', 'en', 'admin', null, 'active', ${hashed}, now(), true, now()),
      ('bench.manager@example.com', 'Bench Manager', 'en', 'manager', md5('bench-team-1')::uuid, 'active', ${hashed}, now(), true, now())`);
}

/** Statistics for the planner, and the visibility map that lets counts read indexes alone. */
export async function analyse(sql: postgres.Sql) {
  for (const table of ['teams', 'users', 'sign_in_throttle', 'passkeys', 'audit_events', 'email_outbox']) await sql.unsafe(`vacuum (analyze) ${table}`);
}
