/**
 * `npm run bench:scale`: a large organisation's database (1,000,000 accounts, 20,000,000 audit
 * events, 1,000,000 sent emails), and how long each list an admin or a manager can open takes
 * on it, warm: every order and state filter of the users list, searches, a team manager's
 * list, the audit log with each filter, the failed emails, GET /api/v1/users. Sign-in and
 * forgot-password are measured against the same site on an empty database in the same run,
 * and the retention run (deleting the events past AUDIT_RETENTION_DAYS, scrubbing old emails)
 * with the longest of its transactions. Prints a table, writes bench/scale-results.json and
 * the plans PostgreSQL chose (bench/scale-plans.txt), exits with 1 when a goal is missed.
 *
 * DATABASE_URL names a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 * the bench creates its databases there and drops them afterwards. Options: `--no-build` serves
 * the build already there (.next and dist/); `--keep` keeps the large database and prints its name;
 * `--reuse NAME` measures a database kept that way instead of seeding one; `--accounts N` and
 * `--events N` seed another size.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { encode } from 'next-auth/jwt';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { sha256 } from '@/lib/crypto';
import { ARGON2_OPTIONS } from '@/lib/passwords/password-hashing';
import { readAuditLogQuery } from '@/lib/admin/audit-query';
import { readFailedEmailsQuery } from '@/lib/admin/failed-emails-query';
import { sealCursor } from '@/lib/admin/list-cursor';
import { readUserListQuery } from '@/lib/admin/user-list-query';
import { readApiUserListQuery } from '@/lib/api/users-query';
import { deleteExpiredAuditEvents } from '@/lib/db/audit';
import { listAuditLog } from '@/lib/admin/audit-log';
import { closeDb, openDatabase, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { listFailedEmails, scrubSentEmails } from '@/lib/db/outbox';
import * as schema from '@/lib/db/schema';
import { findUserById, type PublicUser } from '@/lib/db/users';
import { listUsersInScope } from '@/lib/admin/users-in-scope';
import { root, startSite, type RunningSite } from '@/tests/e2e/site';
import { forgotPasswordPosts, passwordPosts } from './forms';
import { interleaved, load, medianRatio, warmUp, type Target } from './load';
import { formatTable, verdictOf, type Figure } from './report';
import { analyse, seedBenchAccounts, seedingConnections, seedLargeOrganisation, type ScaleSize } from './scale-seed';

const PASSWORD = 'violet submarine orchestra 58';
const SIGN_IN_ACCOUNTS = 100;
const WARM_UP = 5;
const SERVER_WARM_UP = 10;
const SAMPLES = 40;
const PASSES = 3;
const LIST_GOAL_MS = 50;
const SEARCH_GOAL_MS = 100;
const SAME_SPEED = 1.1;
const BATCH_GOAL_MS = 100;
const CONNECTIONS = 4;
/** Fewer expired events than this in a database measured again: an earlier measurement pruned it. */
const RETENTION_MINIMUM = 100_000;
const ROUND_SECONDS = 5;
// A sign-in's rate on the large database moved by 15 % between runs of three rounds.
const ROUNDS = 5;

const log = (line: string) => console.log(`[bench:scale] ${line}`);
const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

interface ListCase {
  name: string;
  viewer: 'admin' | 'manager' | 'api';
  path: string;
  search?: boolean;
}

/** Every list an admin or a manager can open, by address, as the bench measures them. */
function listCases(sample: Awaited<ReturnType<typeof sampleOf>>): ListCase[] {
  const users = (query: string, name: string, extra: Partial<ListCase> = {}): ListCase => ({ name, viewer: 'admin', path: `/en/admin/users${query}`, ...extra });
  const cases: ListCase[] = [
    users('', 'Users, by name (first page and total)'),
    users('?sort=created', 'Users, newest first'),
    users('?sort=lastSignIn', 'Users, by last sign-in'),
  ];
  for (const state of ['active', 'pending', 'deactivated', 'locked'])
    for (const sort of ['name', 'created', 'lastSignIn'])
      cases.push(users(`?state=${state}${sort === 'name' ? '' : `&sort=${sort}`}`, `Users, state ${state}, by ${sort}`));
  cases.push(
    users(`?team=${sample.teamId}`, 'Users of one team (admin)'),
    users(`?after=${encodeURIComponent(sample.middleCursor)}`, 'Users, by name, page 20,000 (cursor)'),
    users(`?q=${encodeURIComponent(sample.lastName)}`, `Search a last name (${sample.lastName})`, { search: true }),
    users(`?q=${encodeURIComponent(sample.fullName)}`, `Search a full name`, { search: true }),
    users(`?q=${encodeURIComponent(sample.email)}`, 'Search an address', { search: true }),
    users(`?q=${encodeURIComponent(sample.username)}`, 'Search a username', { search: true }),
    users(`?q=${encodeURIComponent(sample.phone)}`, 'Search a phone number', { search: true }),
    users(`?q=${encodeURIComponent(sample.partial)}`, `Search part of a name (${sample.partial})`, { search: true }),
    users('?q=mar', 'Search a common fragment (mar)', { search: true }),
    users('?q=example.org', 'Search a domain (example.org)', { search: true }),
    users(`?q=${encodeURIComponent(sample.lastName)}&state=active&sort=lastSignIn`, 'Search + state + last sign-in', { search: true }),
    { name: 'Manager: their team', viewer: 'manager', path: '/en/admin/users' },
    { name: 'Manager: pending, by last sign-in', viewer: 'manager', path: '/en/admin/users?state=pending&sort=lastSignIn' },
    { name: 'Manager: locked', viewer: 'manager', path: '/en/admin/users?state=locked' },
    { name: 'Manager: search (mar)', viewer: 'manager', path: '/en/admin/users?q=mar', search: true },
    { name: 'Audit log, newest', viewer: 'admin', path: '/en/admin/audit' },
    { name: 'Audit log, a common event', viewer: 'admin', path: '/en/admin/audit?event=sign_in.failed' },
    { name: 'Audit log, a rare event', viewer: 'admin', path: '/en/admin/audit?event=admin.deactivated' },
    { name: 'Audit log, by actor (an admin)', viewer: 'admin', path: `/en/admin/audit?actor=${encodeURIComponent(sample.adminEmail)}`, search: true },
    { name: 'Audit log, by target (an address)', viewer: 'admin', path: `/en/admin/audit?target=${encodeURIComponent(sample.email)}`, search: true },
    { name: 'Audit log, one day 300 days ago', viewer: 'admin', path: `/en/admin/audit?from=${sample.day}&to=${sample.day}` },
    { name: 'Audit log, an event on one day', viewer: 'admin', path: `/en/admin/audit?event=sign_in.failed&from=${sample.day}&to=${sample.day}` },
    { name: 'Audit log, 10 million events back', viewer: 'admin', path: `/en/admin/audit?before=${sample.middleEvent}` },
    { name: 'Manager: audit log', viewer: 'manager', path: '/en/admin/audit' },
    { name: 'Manager: audit log, one event', viewer: 'manager', path: '/en/admin/audit?event=password.reset' },
    { name: 'Failed emails', viewer: 'admin', path: '/en/admin/emails' },
    { name: 'Failed emails, second page', viewer: 'admin', path: `/en/admin/emails?after=${sample.failedEmail}` },
    { name: 'API: GET /api/v1/users', viewer: 'api', path: '/api/v1/users' },
    { name: 'API: locked accounts', viewer: 'api', path: '/api/v1/users?state=locked' },
    { name: 'API: page 20,000 (cursor)', viewer: 'api', path: `/api/v1/users?cursor=${encodeURIComponent(sample.middleCursor)}` },
    { name: 'API: search a last name', viewer: 'api', path: `/api/v1/users?q=${encodeURIComponent(sample.lastName)}`, search: true },
  );
  return cases;
}

/** Real values to look for: a seeded account, the middle of the list, an old day. */
async function sampleOf(sql: postgres.Sql) {
  const [person] = await sql`select name, email, username from users where username is not null and email like '%.5%' limit 1`;
  const [phone] = await sql`select phone from users where phone is not null and email like '%.7%' limit 1`;
  // Page 20,000 of a million accounts; the middle of a smaller seed (--accounts).
  const [middle] = await sql`select lower(name) as name, email from users order by lower(name), email offset least(${20_000 * 25}, (select count(*) / 2 from users)) limit 1`;
  const [team] = await sql`select team_id from users where email = 'bench.manager@example.com'`;
  const [event] = await sql`select id from audit_events order by id offset 10000000 limit 1`;
  const [failed] = await sql`select id from email_outbox where status = 'failed' order by created_at desc, id desc offset 24 limit 1`;
  const lastName = String(person!.name).split(' ').at(-1)!;
  return {
    fullName: person!.name as string,
    email: person!.email as string,
    username: person!.username as string,
    phone: phone!.phone as string,
    lastName,
    partial: lastName.slice(1, 5),
    adminEmail: 'bench.admin@example.com',
    teamId: team!.team_id as string,
    middleCursor: sealCursor('users:name', [middle!.name, middle!.email]),
    middleEvent: Number(event?.id ?? 1),
    failedEmail: failed!.id as string,
    day: new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10),
  };
}

/** A signed-in browser's cookie for `email`: a session row, and Auth.js's cookie naming it. */
async function sessionCookie(sql: postgres.Sql, email: string, secret: string) {
  const token = randomBytes(32).toString('base64url');
  await sql`insert into sessions (token_hash, user_id, expires_at)
    select ${sha256(token)}, id, now() + interval '1 day' from users where email = ${email}`;
  const jwt = await encode({ token: { sid: token }, secret, salt: 'authjs.session-token', maxAge: 86_400 });
  return `authjs.session-token=${jwt}`;
}

async function accessKey(sql: postgres.Sql) {
  const key = `ssm_${randomBytes(32).toString('base64url')}`;
  await sql`insert into access_keys (user_id, name, secret_hash, display_prefix)
    select id, 'bench', ${sha256(key)}, ${key.slice(4, 12)} from users where email = 'bench.admin@example.com'`;
  return key;
}

/** SAMPLES requests one after another, after a warm-up: their times, and the last answer. */
async function timed(url: string, headers: Record<string, string>) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers, redirect: 'manual' });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, body };
  };
  for (let index = 0; index < WARM_UP; index += 1) await once();
  const times: number[] = [];
  let body = '';
  for (let index = 0; index < SAMPLES; index += 1) ({ ms: times[index], body } = await once());
  return { times, body };
}

/** What the page says about its total, to show beside the figure. */
function shownTotal(body: string): string {
  const json = body.startsWith('{') ? (JSON.parse(body) as { total?: { value: number; relation: string } }) : null;
  if (json?.total) return `total ${json.total.relation} ${json.total.value.toLocaleString('en')}`;
  return /<p class="muted">([^<]*)<\/p>/.exec(body)?.[1] ?? '';
}

/** Runs a list's own query in this process through a logging connection, and asks PostgreSQL how it ran each statement. */
async function plansOf(listCase: ListCase, viewers: { admin: PublicUser; manager: PublicUser }, databaseUrl: string) {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const captured: Array<{ query: string; params: unknown[] }> = [];
  const db = drizzle({ client, schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
  const url = new URL(listCase.path, 'http://bench');
  const raw = Object.fromEntries(url.searchParams);
  const viewer = listCase.viewer === 'manager' ? viewers.manager : viewers.admin;
  if (url.pathname.endsWith('/audit')) await listAuditLog(viewer, readAuditLogQuery(raw).query, db);
  else if (url.pathname.endsWith('/emails')) await listFailedEmails(readFailedEmailsQuery(raw), db);
  else if (url.pathname.startsWith('/api/')) {
    const read = readApiUserListQuery(url.searchParams);
    if (read.ok) await listUsersInScope(viewer, read.query, db);
  } else await listUsersInScope(viewer, readUserListQuery(raw), db);
  const plans = [];
  for (const { query, params } of captured.filter((statement) => !statement.query.startsWith('explain'))) {
    const rows = await client.unsafe(`explain (analyze, costs off) ${query}`, params as never[]);
    plans.push(`${query}\n${rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}`);
  }
  await client.end();
  return plans.join('\n\n');
}

function build() {
  log('build');
  // The whole build, as `npm run build`: the site is served by the server it compiles (dist/server.mjs).
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('build failed');
}

async function migrated(databaseUrl: string) {
  const handle = openDatabase({ databaseUrl, dataDir: '' });
  await applyMigrations(handle, databaseUrl);
  await handle.close();
}

/** Deletes the events past 400 days while an insert every 20 ms is timed, then scrubs emails sent over 30 days ago. */
async function measureRetention(databaseUrl: string, sql: postgres.Sql): Promise<Figure[]> {
  log('retention: deleting the events past 400 days, with inserts going on, and scrubbing emails sent over 30 days ago');
  const retention = openDatabase({ databaseUrl, dataDir: '' });
  const inserts: number[] = [];
  let pruning = true;
  const inserting = (async () => {
    while (pruning) {
      const insertStarted = performance.now();
      await sql`insert into audit_events (event, detail) values ('sign_in.failed', '{}')`;
      inserts.push(performance.now() - insertStarted);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const pruneStarted = performance.now();
  const pruned = await deleteExpiredAuditEvents(400, retention.db);
  const pruneSeconds = (performance.now() - pruneStarted) / 1000;
  pruning = false;
  await inserting;
  const scrubStarted = performance.now();
  const scrubbed = await scrubSentEmails(retention.db);
  const scrubSeconds = (performance.now() - scrubStarted) / 1000;
  await retention.close();
  const insertTimes = inserts.sort((a, b) => a - b);
  return [
    {
      name: 'Retention: longest delete transaction',
      value: pruned.longestBatchMs,
      unit: 'ms',
      goal: { at: 'most', value: BATCH_GOAL_MS },
      detail: `${pruned.deleted.toLocaleString('en')} events in ${pruneSeconds.toFixed(0)} s`,
    },
    {
      name: 'Audit insert during the retention run, p99',
      value: insertTimes.length ? percentile(insertTimes, 0.99) : null,
      unit: 'ms',
      detail: `${insertTimes.length} inserts, longest ${insertTimes.at(-1)?.toFixed(1) ?? '—'} ms`,
    },
    { name: 'Scrubbing emails sent over 30 days ago', value: scrubSeconds, unit: 's', detail: `${scrubbed.toLocaleString('en')} emails` },
  ];
}

async function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) build();
  const size: ScaleSize = {
    accounts: Number(option('--accounts') ?? 1_000_000),
    teams: 200,
    auditEvents: Number(option('--events') ?? 20_000_000),
    auditDays: 425,
    sentEmails: 1_000_000,
    failedEmails: 3_000,
    lockedAccounts: 2_000,
  };
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const reuse = option('--reuse');
  const large = reuse ?? `sesame_scale_${randomUUID().replaceAll('-', '')}`;
  const empty = `sesame_scale_empty_${randomUUID().replaceAll('-', '')}`;
  const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const secret = randomBytes(33).toString('base64');
  // The lib code run in this process (cursors, the plans' queries) reads the same settings as the site.
  Object.assign(process.env, { AUTH_SECRET: secret, TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'), EMAIL_TRANSPORT: 'log', DATABASE_URL: urlOf(large) });
  const sites: RunningSite[] = [];
  const connections: postgres.Sql[] = [];
  let seedSeconds: number | null = null;
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    if (!reuse) {
      await server.unsafe(`create database ${large}`);
      await migrated(urlOf(large));
      const seeding = seedingConnections(urlOf(large));
      const seedStarted = Date.now();
      log(`seeding ${large}`);
      await seedLargeOrganisation(seeding, size, passwordHash, log);
      await seedBenchAccounts(seeding, SIGN_IN_ACCOUNTS, passwordHash);
      log('vacuum and analyse');
      await analyse(seeding);
      seedSeconds = (Date.now() - seedStarted) / 1000;
      await seeding.end();
      log(`seeded in ${seedSeconds.toFixed(0)} s`);
    }
    await server.unsafe(`create database ${empty}`);
    await migrated(urlOf(empty));
    const emptySql = postgres(urlOf(empty), { max: 1, onnotice: () => {} });
    connections.push(emptySql);
    await seedBenchAccounts(emptySql, SIGN_IN_ACCOUNTS, passwordHash);
    const sql = postgres(urlOf(large), { max: 2, onnotice: () => {} });
    connections.push(sql);
    const [{ accounts, events }] = (await sql`select (select count(*) from users)::int as accounts, (select count(*) from audit_events)::int as events`) as unknown as [
      { accounts: number; events: number },
    ];

    const env = {
      ...process.env,
      AUTH_SECRET: secret,
      EMAIL_TRANSPORT: 'log',
      // Every post comes from 127.0.0.1: the per-address limits would answer instead of the paths measured.
      RECOVERY_IP_LIMIT: '1000000',
      IP_FAILURE_LIMIT: '1000000',
    };
    // The sites' own hourly pruning would run the retention during the measures: it is timed on its own, last.
    for (const database of [sql, emptySql]) await database`insert into maintenance_runs (task, finished_at) values ('prune', now()) on conflict (task) do update set finished_at = now()`;
    log('starting the site on the large database and on an empty one');
    const site = await startSite('large', { ...env, DATABASE_URL: urlOf(large) });
    sites.push(site);
    const emptySite = await startSite('empty', { ...env, DATABASE_URL: urlOf(empty) });
    sites.push(emptySite);

    const headers = {
      admin: { cookie: await sessionCookie(sql, 'bench.admin@example.com', secret) },
      manager: { cookie: await sessionCookie(sql, 'bench.manager@example.com', secret) },
      api: { authorization: `Bearer ${await accessKey(sql)}` },
    };
    const sample = await sampleOf(sql);
    const cases = listCases(sample);
    const lists: Array<ListCase & { p50: number; p95: number; total: string }> = [];
    // A server's code is compiled again as it runs hot (bench/load.ts): the first lists measured
    // would otherwise pay for it, whatever their query.
    log(`warming up: every list ${SERVER_WARM_UP} times`);
    for (let round = 0; round < SERVER_WARM_UP; round += 1)
      for (const listCase of cases) await fetch(`${site.baseURL}${listCase.path}`, { headers: headers[listCase.viewer] }).then((response) => response.arrayBuffer());
    log(`${cases.length} lists, ${PASSES} passes of ${SAMPLES} requests each after ${WARM_UP} of warm-up`);
    // Each list's samples come from passes spread over the whole measurement: a burst of other
    // work (autovacuum, a checkpoint) lands in a few samples of many lists, not in one list's p95.
    const samples = new Map(cases.map((listCase) => [listCase, { times: [] as number[], body: '' }]));
    for (let pass = 0; pass < PASSES; pass += 1) {
      for (const listCase of cases) {
        const { times, body } = await timed(`${site.baseURL}${listCase.path}`, headers[listCase.viewer]);
        samples.get(listCase)!.times.push(...times);
        samples.get(listCase)!.body = body;
      }
    }
    for (const [listCase, { times, body }] of samples) {
      const sorted = times.sort((a, b) => a - b);
      const [p50, p95] = [percentile(sorted, 0.5), percentile(sorted, 0.95)];
      lists.push({ ...listCase, p50, p95, total: shownTotal(body) });
      log(`${listCase.name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }

    log('the plans PostgreSQL chose for each list');
    const viewers = {
      admin: (await findUserById((await sql`select id from users where email = 'bench.admin@example.com'`)[0]!.id))!,
      manager: (await findUserById((await sql`select id from users where email = 'bench.manager@example.com'`)[0]!.id))!,
    };
    const plans: string[] = [];
    for (const listCase of cases) plans.push(`=== ${listCase.name} (${listCase.path})\n${await plansOf(listCase, viewers, urlOf(large))}`);

    log(`sign-in and forgot-password, large database against empty, ${ROUNDS} rounds of ${ROUND_SECONDS} s, ${CONNECTIONS} connections`);
    const emails = Array.from({ length: SIGN_IN_ACCOUNTS }, (_, index) => `load.${index}@example.com`);
    const signIn = async (baseURL: string): Promise<Target> => ({ url: `${baseURL}/fr/login`, method: 'POST', bodies: await passwordPosts(baseURL, emails, PASSWORD), headers: { origin: baseURL }, status: 303 });
    const forgot = async (baseURL: string): Promise<Target> => ({ url: `${baseURL}/fr/forgot-password`, method: 'POST', bodies: await forgotPasswordPosts(baseURL, emails), headers: { origin: baseURL }, status: 303 });
    const targets = { signIn: [await signIn(site.baseURL), await signIn(emptySite.baseURL)], forgot: [await forgot(site.baseURL), await forgot(emptySite.baseURL)] };
    for (const target of [...targets.signIn, ...targets.forgot]) await warmUp(target, 200, CONNECTIONS);
    const round = (target: Target) => () => load(target, { connections: CONNECTIONS, seconds: ROUND_SECONDS });
    const [signInLarge = [], signInEmpty = []] = await interleaved(ROUNDS, targets.signIn.map(round));
    const [forgotLarge = [], forgotEmpty = []] = await interleaved(ROUNDS, targets.forgot.map(round));
    const rates = (runs: Array<{ rate: number }>) => runs.map((run) => run.rate);
    const meanRate = (runs: Array<{ rate: number }>) => rates(runs).reduce((sum, rate) => sum + rate, 0) / runs.length;
    const others = (runs: Array<{ others: number }>) => runs.reduce((sum, run) => sum + run.others, 0);
    for (const running of sites) await running.stop();
    sites.length = 0;

    // The retention deletes what it times: a database measured again (--reuse) has little left
    // past the limit, and deleting that little through an index full of dead entries says
    // nothing about a real run. Only a database's first measurement times it.
    const [{ expired }] = (await sql`select count(*)::int as expired from audit_events where occurred_at < now() - interval '400 days'`) as unknown as [{ expired: number }];
    const pruned = reuse !== undefined && expired < RETENTION_MINIMUM;
    const retentionFigures = pruned ? [] : await measureRetention(urlOf(large), sql);
    if (pruned) log(`retention not measured: ${expired.toLocaleString('en')} events past 400 days, an earlier measurement deleted them (seed a new database to time it)`);

    const figures: Figure[] = [
      ...lists.map((list) => ({
        name: list.name,
        value: list.p95,
        unit: 'ms',
        goal: { at: 'most' as const, value: list.search ? SEARCH_GOAL_MS : LIST_GOAL_MS },
        detail: `p50 ${list.p50.toFixed(1)} ms${list.total ? `; ${list.total}` : ''}`,
      })),
      {
        name: 'Sign-in time, large database vs empty',
        value: medianRatio(rates(signInEmpty), rates(signInLarge)),
        unit: 'ratio',
        goal: { at: 'most', value: SAME_SPEED },
        detail: `${meanRate(signInLarge).toFixed(1)}/s vs ${meanRate(signInEmpty).toFixed(1)}/s${others([...signInLarge, ...signInEmpty]) ? `, ${others([...signInLarge, ...signInEmpty])} other answers` : ''}`,
      },
      {
        name: 'Forgot-password time, large database vs empty',
        value: medianRatio(rates(forgotEmpty), rates(forgotLarge)),
        unit: 'ratio',
        goal: { at: 'most', value: SAME_SPEED },
        detail: `${meanRate(forgotLarge).toFixed(1)}/s vs ${meanRate(forgotEmpty).toFixed(1)}/s${others([...forgotLarge, ...forgotEmpty]) ? `, ${others([...forgotLarge, ...forgotEmpty])} other answers` : ''}`,
      },
      ...retentionFigures,
      ...(seedSeconds === null ? [] : [{ name: 'Seeding (SQL, indexes built after)', value: seedSeconds, unit: 's', detail: `${accounts.toLocaleString('en')} accounts, ${events.toLocaleString('en')} events` }]),
    ];

    const table = formatTable(figures);
    console.log(`\n${table}\n`);
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      postgres: ((await sql`select version()`)[0] as { version: string }).version,
      size: { ...size, accounts, auditEvents: events },
      settings: { warmUp: WARM_UP, samples: SAMPLES, passes: PASSES, connections: CONNECTIONS, roundSeconds: ROUND_SECONDS, rounds: ROUNDS },
      figures: figures.map((figure) => ({ ...figure, verdict: verdictOf(figure) })),
      lists: lists.map(({ name, path: address, viewer, p50, p95, total }) => ({ name, address, viewer, p50, p95, total })),
      // Each round's rate, for how far the rounds' ratios spread around their median.
      rounds: { signIn: { large: rates(signInLarge), empty: rates(signInEmpty) }, forgot: { large: rates(forgotLarge), empty: rates(forgotEmpty) } },
      table,
    };
    writeFileSync(path.join(root, 'bench/scale-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(root, 'bench/scale-plans.txt'), `${plans.join('\n\n')}\n`);
    log(`bench/scale-results.json and bench/scale-plans.txt written, ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
    process.exitCode = figures.some((figure) => verdictOf(figure) === 'FAIL') ? 1 : 0;
  } finally {
    for (const running of sites) await running.stop();
    for (const connection of connections) await connection.end();
    // The plans ran the pages' own queries through lib's connection, which would keep the process alive.
    await closeDb();
    await server.unsafe(`drop database if exists ${empty} with (force)`);
    if (process.argv.includes('--keep') || reuse) log(`the large database is kept: ${large} (measure it again with --reuse ${large})`);
    else await server.unsafe(`drop database if exists ${large} with (force)`);
    await server.end();
  }
}

await main();
