import 'server-only';
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '@/lib/crypto';
import { auditInsert, type AuditEntry } from './audit';
import { db, type Executor } from './client';
import { sessions, users } from './schema';
import { SIGN_IN_STATEMENTS } from './sign-in-statements';

// Writing last-activity on every request would turn each page view into a write.
const TOUCH_EVERY_SECONDS = 60;

export interface NewSession {
  userId: string;
  ip: string | null;
  userAgent: string | null;
  absoluteHours: number;
}

/** Returns the raw session token: it exists only in the cookie; the table keeps its hash. */
export async function createSession(values: NewSession, executor: Executor = db()): Promise<string> {
  const token = randomToken();
  await sessionInsert(token, values, executor);
  return token;
}

function sessionInsert(token: string, values: NewSession, executor: Executor) {
  return executor.insert(sessions).values({
    tokenHash: sha256(token),
    userId: values.userId,
    ip: values.ip,
    userAgent: values.userAgent?.slice(0, 512) ?? null,
    expiresAt: sql`now() + make_interval(hours => ${values.absoluteHours})`,
  });
}

/**
 * A finished sign-in, in one statement: the session, the account's sign-in time and the audit
 * event, atomic without a transaction around them (a sign-in from a browser the account knows
 * needs none, and spares its two round trips). Returns the session's token and whether the
 * account had signed in before (the main query reads the row as it was before the statement).
 * Prepared, as the other statements of a known browser's sign-in (lib/db/sign-in-statements.ts).
 */
export async function recordSignIn(values: NewSession, audit: AuditEntry, executor: Executor = db()): Promise<{ token: string; signedInBefore: boolean }> {
  const token = randomToken();
  const started = executor.$with('started', {}).as(sessionInsert(token, values, executor).getSQL());
  const audited = executor.$with('audited', {}).as(auditInsert(audit, executor).getSQL());
  const marked = executor.$with('marked', {}).as(executor.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, values.userId)).getSQL());
  const [row] = await executor
    .with(started, audited, marked)
    .select({ signedInBefore: sql<boolean>`${users.lastSignInAt} is not null` })
    .from(users)
    .where(eq(users.id, values.userId))
    .prepare(SIGN_IN_STATEMENTS.recordSignIn)
    .execute();
  return { token, signedInBefore: row?.signedInBefore ?? false };
}

/** An unexpired, recently active session of an active account. */
export async function findLiveSession(token: string, idleMinutes: number, executor: Executor = db()) {
  const [row] = await executor
    .select({
      id: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      authenticatedAt: sessions.authenticatedAt,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${TOUCH_EVERY_SECONDS})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
        eq(users.state, 'active'),
      ),
    );
  return row;
}

/** The person proved themselves again: sensitive changes are open for a while. */
export async function markSessionConfirmed(id: string, executor: Executor = db()) {
  await executor.update(sessions).set({ authenticatedAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function touchSession(id: string, executor: Executor = db()) {
  await executor.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function deleteSessionByToken(token: string, executor: Executor = db()) {
  const rows = await executor
    .delete(sessions)
    .where(eq(sessions.tokenHash, sha256(token)))
    .returning({ id: sessions.id, userId: sessions.userId });
  return rows[0];
}

/** Deletes one of the person's own sessions; another person's id matches nothing. */
export async function deleteUserSession(userId: string, sessionId: string, executor: Executor = db()) {
  const rows = await executor
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

export async function deleteUserSessions(
  userId: string,
  options: { except?: string } = {},
  executor: Executor = db(),
): Promise<number> {
  const rows = await executor
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), options.except ? ne(sessions.id, options.except) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function listUserSessions(userId: string, idleMinutes: number, executor: Executor = db()) {
  return executor
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Sessions that can never be used again: past their absolute end, or idle too long. */
export async function deleteDeadSessions(idleMinutes: number, executor: Executor = db()): Promise<number> {
  const rows = await executor
    .delete(sessions)
    .where(
      sql`${sessions.expiresAt} <= now()
        or ${sessions.lastSeenAt} < now() - make_interval(mins => ${idleMinutes})`,
    )
    .returning({ id: sessions.id });
  return rows.length;
}
