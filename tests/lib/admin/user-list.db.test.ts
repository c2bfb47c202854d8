import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readUserListQuery, userListHref } from '@/lib/admin/user-list-query';
import { db } from '@/lib/db/client';
import { countRows } from '@/lib/db/row-count';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { signInThrottle, users } from '@/lib/db/schema';
import { clearPastPauseCopies, liftAccountPauses, reserveAttempt } from '@/lib/db/throttle';
import { findUserById } from '@/lib/db/users';
import { findUserInScope, listUsersInScope, type UserQuery, type UserSort } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

async function admin(): Promise<Actor> {
  const made = await makeUser({ role: 'admin' });
  return (await findUserById(made.id))!;
}

/** Accounts without a password (quick to create), named so that the tag finds them all. */
async function accounts(tag: string, names: string[]) {
  const made = [];
  for (const name of names) made.push(await makeUser({ name: `${name} ${tag}`, state: 'pending', password: undefined }));
  return made;
}

type Listed = Awaited<ReturnType<typeof listUsersInScope>>;

/** Every page from the first, following `next`; `between` runs after the first page is read. */
async function walk(actor: Actor, query: UserQuery, between: () => Promise<unknown> = async () => {}) {
  const pages: Listed[] = [await listUsersInScope(actor, query)];
  await between();
  while (pages.at(-1)!.next) pages.push(await listUsersInScope(actor, { ...query, after: pages.at(-1)!.next! }));
  return pages;
}

const ids = (page: Listed) => page.rows.map((row) => row.id);

describe('the users list pages by cursor', () => {
  it.each<UserSort>(['name', 'created', 'lastSignIn'])(
    'sorted by %s: an account created between two page loads is neither skipped nor shown twice',
    async (sort) => {
      const actor = await admin();
      const tag = `kp${randomUUID().slice(0, 8)}`;
      const originals = await accounts(tag, ['Berthe', 'Claude', 'Denise', 'Étienne', 'Fanny', 'Gaston', 'Hélène']);
      // Some have signed in, some never have: "never" sorts last.
      await db()
        .update(users)
        .set({ lastSignInAt: sql`now() - (ascii(substr(${users.name}, 1, 1)) || ' minutes')::interval` })
        .where(inArray(users.id, originals.slice(0, 4).map((account) => account.id)));
      const query: UserQuery = { search: tag, sort, pageSize: 3 };
      let early: string | undefined;
      let late: string | undefined;
      const pages = await walk(actor, query, async () => {
        // One that sorts on the page already read (first by name, oldest, signed in earliest)
        // and one that sorts after it (last by name, newest... and never signed in sorts last).
        const [before, after] = await accounts(tag, ['Aaron', 'Zoé']);
        await db().update(users).set({ createdAt: sql`now() - interval '1 day'`, lastSignInAt: sql`now()` }).where(eq(users.id, before!.id));
        await db().update(users).set({ createdAt: sql`now() + interval '1 day'` }).where(eq(users.id, after!.id));
        early = sort === 'created' ? after!.id : before!.id;
        late = sort === 'created' ? before!.id : after!.id;
      });
      const seen = pages.flatMap(ids);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => originals.some((account) => account.id === id)).sort()).toEqual(originals.map((account) => account.id).sort());
      expect(seen).not.toContain(early);
      expect(seen.filter((id) => id === late)).toHaveLength(1);
      expect(pages[0]!.previous).toBeNull();
    },
  );

  it('walks back with "previous" to exactly the pages it came through, the first one full', async () => {
    const actor = await admin();
    const tag = `kb${randomUUID().slice(0, 8)}`;
    await accounts(tag, ['Anne', 'Bruno', 'Cécile', 'Didier', 'Emma', 'Fabien', 'Gisèle']);
    const query: UserQuery = { search: tag, sort: 'name', pageSize: 3 };
    const forward = await walk(actor, query);
    expect(forward.map((page) => page.rows.map((row) => row.name.split(' ')[0]))).toEqual([['Anne', 'Bruno', 'Cécile'], ['Didier', 'Emma', 'Fabien'], ['Gisèle']]);
    const second = await listUsersInScope(actor, { ...query, before: forward[2]!.previous! });
    expect(ids(second)).toEqual(ids(forward[1]!));
    expect(second.next).toEqual(forward[1]!.next);
    const first = await listUsersInScope(actor, { ...query, before: second.previous! });
    expect(ids(first)).toEqual(ids(forward[0]!));
    expect(first.previous).toBeNull();
    // Going back from a place with fewer rows before it than a page: the first page, full.
    const anne = await listUsersInScope(actor, { ...query, pageSize: 1 });
    const bruno = await listUsersInScope(actor, { ...query, pageSize: 1, after: anne.next! });
    const short = await listUsersInScope(actor, { ...query, before: bruno.previous! });
    expect(ids(short)).toEqual(ids(forward[0]!));
  });

  it('keeps the filters on every page: the state, and the Locked filter', async () => {
    const actor = await admin();
    const tag = `kf${randomUUID().slice(0, 8)}`;
    const made = await accounts(tag, ['Aline', 'Basile', 'Chloé', 'Damien', 'Elsa']);
    await db().update(users).set({ state: 'active' }).where(inArray(users.id, [made[1]!.id, made[3]!.id, made[4]!.id]));
    const pages = await walk(actor, { search: tag, state: 'active', sort: 'name', pageSize: 2 });
    expect(pages.flatMap(ids)).toEqual([made[1]!.id, made[3]!.id, made[4]!.id]);
    expect(pages[0]!.count).toEqual({ value: 3, relation: 'exact' });
  });

  it('counts exactly the accounts the Locked filter lists: live pauses of accounts, not of browsers, nor lifted ones', async () => {
    const actor = await admin();
    const tag = `lk${randomUUID().slice(0, 8)}`;
    const team = `Team ${tag}`;
    const [paused, lifted, browserOnly, other] = await Promise.all(['Ada', 'Bea', 'Cyd', 'Dan'].map((name) => makeUser({ name: `${name} ${tag}`, team })));
    const pause = async (subject: ReturnType<typeof throttleSubjects.account>) => {
      for (let attempt = 0; attempt < 5; attempt += 1) await reserveAttempt(subject, { threshold: 5, lockMinutes: 60 });
    };
    await pause(throttleSubjects.account(paused!.id));
    await pause(throttleSubjects.account(lifted!.id));
    await db().update(signInThrottle).set({ lockedUntil: sql`now() - interval '1 minute'` }).where(eq(signInThrottle.userId, lifted!.id));
    await pause(throttleSubjects.device(browserOnly!.id, 'a browser it knew'));
    const pages = await walk(actor, { state: 'locked', sort: 'name', pageSize: 2 });
    const listed = pages.flatMap((page) => page.rows);
    const listedIds = listed.map((row) => row.id);
    expect(listedIds).toContain(paused!.id);
    for (const unlisted of [lifted, browserOnly, other]) expect(listedIds).not.toContain(unlisted!.id);
    expect(listed.find((row) => row.id === paused!.id)).toMatchObject({ teamName: team, locked: true });
    expect(pages[0]!.count).toEqual({ value: listed.length, relation: 'exact' });
  });
});

describe('searching the users list for an address', () => {
  it('finds every account whose address holds the text, wherever it stands, in any case, wildcards taken as typed', async () => {
    const actor = await admin();
    const tag = `ad${randomUUID().slice(0, 8)}`;
    const addresses = [
      `wei.lambert.${tag}@example.org`,
      `xwei.lambert.${tag}@example.org`,
      `wei.lambert.${tag}@example.org.uk`,
      `ei.lambert.${tag}@example.org`,
      `wei.lambert.${tag}@example.com`,
      `wei.lambert.${tag}x@example.org`,
    ];
    const made = new Map<string, string>();
    for (const email of addresses) made.set(email, (await makeUser({ email, username: undefined, name: 'Search Person', state: 'pending', password: undefined })).id);
    const searches = [
      `wei.lambert.${tag}@example.org`,
      `WEI.Lambert.${tag.toUpperCase()}@Example.ORG`,
      `i.lambert.${tag}@example.o`,
      `${tag}@`,
      `${tag}x@`,
      `lambert.${tag}@example.com`,
      `wei_lambert.${tag}@example.org`,
      `wei%lambert.${tag}@example.org`,
    ];
    for (const search of searches) {
      const listed = await walk(actor, { search, sort: 'name', pageSize: 4 });
      const expected = addresses.filter((email) => email.includes(search.toLowerCase())).map((email) => made.get(email));
      expect(listed.flatMap(ids).sort(), search).toEqual(expected.sort());
      expect(listed[0]!.count, search).toEqual({ value: expected.length, relation: 'exact' });
    }
    expect(addresses.filter((email) => email.includes(`wei.lambert.${tag}@example.org`))).toHaveLength(3);
  });
});

describe('the Locked filter', () => {
  it('lists an account from the attempt that pauses it until the pause is lifted or runs out', async () => {
    const actor = await admin();
    const tag = `lp${randomUUID().slice(0, 8)}`;
    const [ada, bea] = await accounts(tag, ['Ada', 'Bea']);
    const pause = async (userId: string) => {
      for (let attempt = 0; attempt < 3; attempt += 1) await reserveAttempt(throttleSubjects.account(userId), { threshold: 3, lockMinutes: 60 });
    };
    const locked = async () => (await walk(actor, { search: tag, state: 'locked', sort: 'created', pageSize: 5 })).flatMap((page) => page.rows);
    const copies = async () =>
      (await db().select({ id: users.id, copy: users.signInPausedUntil }).from(users).where(inArray(users.id, [ada!.id, bea!.id])).orderBy(users.name)).map((row) => row.copy !== null);

    await pause(ada!.id);
    expect(await locked()).toMatchObject([{ id: ada!.id, locked: true }]);
    await liftAccountPauses(ada!.id);
    expect(await locked()).toEqual([]);
    expect(await copies()).toEqual([false, false]);

    await pause(ada!.id);
    await pause(bea!.id);
    await db().update(signInThrottle).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(signInThrottle.userId, bea!.id));
    expect((await locked()).map((row) => row.id)).toEqual([ada!.id]);
    expect((await findUserInScope(actor, 'users.list', bea!.id))?.locked).toBe(false);
    await clearPastPauseCopies();
    expect(await copies()).toEqual([true, false]);
    expect((await locked()).map((row) => row.id)).toEqual([ada!.id]);
  });
});

describe('clearing the copies of pauses that ran out', () => {
  it('clears every one, batch after batch, and keeps the live ones', async () => {
    const tag = `cp${randomUUID().slice(0, 8)}`;
    await db().execute(sql`insert into users (email, name, sign_in_paused_until)
      select ${tag} || '-' || g || '@example.com', ${tag}, now() - make_interval(secs => g) from generate_series(1, 2100) g`);
    await db().execute(sql`insert into users (email, name, sign_in_paused_until) values (${`${tag}-live@example.com`}, ${tag}, now() + interval '1 hour')`);
    expect(await clearPastPauseCopies()).toBeGreaterThanOrEqual(2100);
    const left = await db().select({ email: users.email }).from(users).where(sql`${users.name} = ${tag} and ${users.signInPausedUntil} is not null`);
    expect(left).toEqual([{ email: `${tag}-live@example.com` }]);
  });
});

describe('the users list address', () => {
  it('carries a sealed place that only the same order reads; anything else is the first page', async () => {
    const actor = await admin();
    const tag = `ka${randomUUID().slice(0, 8)}`;
    const made = await accounts(tag, ['Alix', 'Bastien', 'Capucine']);
    const query = readUserListQuery({ q: tag });
    const first = await listUsersInScope(actor, { ...query, pageSize: 2 });
    const href = userListHref(query, { after: first.next! });
    expect(href.query.after).toBeDefined();
    // Neither a name nor an address shows in the link, as written or base64url-decoded. Whole
    // values, not fragments: a random seal holds "alix" in some case about once in 10,000 runs.
    const after = href.query.after!;
    const readable = [after, ...after.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'))];
    for (const secret of [tag, ...made.flatMap((user) => [user.name, user.email])]) {
      for (const text of readable) expect(text).not.toContain(secret);
    }
    expect(readUserListQuery({ q: tag, after: href.query.after }).after).toEqual(first.next);
    expect(readUserListQuery({ q: tag, sort: 'created', after: href.query.after }).after).toBeUndefined();
    expect(readUserListQuery({ q: tag, after: `${href.query.after!.slice(0, -2)}xx` }).after).toBeUndefined();
    expect(readUserListQuery({ q: tag, after: 'page-2' }).after).toBeUndefined();
  });
});

describe('counting a list', () => {
  it('is exact up to the limit, then the database’s estimate, or a bound when the estimate is under it', async () => {
    const tag = `kc${randomUUID().slice(0, 8)}`;
    const three = inArray(users.id, (await accounts(tag, ['One', 'Two', 'Three'])).map((account) => account.id));
    expect(await countRows(users, three, 3, db())).toEqual({ value: 3, relation: 'exact' });
    // Three ids of the primary key: the estimate is exact, and shown as one.
    expect(await countRows(users, three, 2, db())).toEqual({ value: 3, relation: 'about' });
    // Past the limit with an estimate under it: only a bound can be said.
    const fewLooking = sql`${three} and ${users.name} like ${`%${tag}%`}`;
    expect(await countRows(users, fewLooking, 2, db())).toEqual({ value: 2, relation: 'atLeast' });
  });
});
