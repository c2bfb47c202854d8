import 'server-only';
import { and, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { accountTokens, users, type Locale, type TokenPurpose, type TokenRevocation } from './schema';

const revoked = (because: TokenRevocation) => ({ revokedAt: sql`now()`, revokedBecause: because });

export interface NewToken {
  userId: string;
  purpose: TokenPurpose;
  tokenHash: string;
  codeHash?: string | null;
  locale: Locale;
  expiresInMinutes: number;
  codeExpiresInMinutes?: number;
  newEmail?: string | null;
}

/**
 * Issuing a token of a purpose kills the account's older live tokens of that purpose — except
 * that a "this wasn't me" link belongs to the address it was sent to: a later change, made from
 * a stolen session, must not kill the link the previous address holds.
 */
export async function insertToken(values: NewToken, executor: Executor): Promise<string> {
  await executor
    .update(accountTokens)
    .set(revoked('superseded'))
    .where(
      and(
        eq(accountTokens.userId, values.userId),
        eq(accountTokens.purpose, values.purpose),
        values.purpose === 'email_change_cancel' ? eq(accountTokens.newEmail, values.newEmail ?? '') : undefined,
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
  const [row] = await executor
    .insert(accountTokens)
    .values({
      userId: values.userId,
      purpose: values.purpose,
      tokenHash: values.tokenHash,
      codeHash: values.codeHash ?? null,
      codeExpiresAt: values.codeHash ? sql`now() + make_interval(mins => ${values.codeExpiresInMinutes ?? 15})` : null,
      locale: values.locale,
      newEmail: values.newEmail ?? null,
      expiresAt: sql`now() + make_interval(mins => ${values.expiresInMinutes})`,
    })
    .returning({ id: accountTokens.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** How many emailed tokens of these purposes the account received within the window. */
export async function countRecentTokens(
  userId: string,
  purposes: readonly TokenPurpose[],
  windowMinutes: number,
  executor: Executor,
): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        inArray(accountTokens.purpose, [...purposes]),
        gt(accountTokens.createdAt, sql`now() - make_interval(mins => ${windowMinutes})`),
      ),
    );
  return row?.count ?? 0;
}

/** Serialises token issuing for one account, so parallel requests respect the hourly limit. */
export async function lockUserRow(userId: string, executor: Executor): Promise<void> {
  await executor.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

/** A token looked up by its hash and purpose, with why it can no longer be used, if so. */
export async function findToken(tokenHash: string, purpose: TokenPurpose, executor: Executor = db()) {
  const [row] = await executor
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      locale: accountTokens.locale,
      newEmail: accountTokens.newEmail,
      questionPassed: sql<boolean>`${accountTokens.questionPassedAt} is not null`,
      answerAttempts: accountTokens.answerAttempts,
      used: sql<boolean>`${accountTokens.usedAt} is not null`,
      revoked: sql<boolean>`${accountTokens.revokedAt} is not null`,
      revokedBecause: accountTokens.revokedBecause,
      expired: sql<boolean>`${accountTokens.expiresAt} <= now()`,
    })
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)));
  return row;
}

const live = and(isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt), gt(accountTokens.expiresAt, sql`now()`));

/**
 * Counts one code attempt on the account's live code before anything is compared: the
 * increment is one conditional UPDATE, so however many guesses arrive at once, at most
 * `maxAttempts` of them get a hash to compare with.
 */
export async function reserveCodeAttempt(userId: string, purpose: TokenPurpose, maxAttempts: number, executor: Executor = db()) {
  const [row] = await executor
    .update(accountTokens)
    .set({ codeAttempts: sql`${accountTokens.codeAttempts} + 1` })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        live,
        isNotNull(accountTokens.codeHash),
        gt(accountTokens.codeExpiresAt, sql`now()`),
        lt(accountTokens.codeAttempts, maxAttempts),
      ),
    )
    .returning({ id: accountTokens.id, codeHash: accountTokens.codeHash, locale: accountTokens.locale });
  return row;
}

/**
 * Spends a proven code: its row gets a fresh link token in exchange, once. Returns false when a
 * parallel request spent it first.
 */
export async function exchangeCode(id: string, codeHash: string, newTokenHash: string, executor: Executor = db()) {
  const rows = await executor
    .update(accountTokens)
    .set({ codeHash: null, tokenHash: newTokenHash })
    .where(and(eq(accountTokens.id, id), eq(accountTokens.codeHash, codeHash), live))
    .returning({ id: accountTokens.id });
  return rows.length === 1;
}

/** Reserves an answer check like a code attempt: returns false when no attempt is left. */
export async function reserveAnswerAttempt(id: string, maxAttempts: number, executor: Executor = db()) {
  const rows = await executor
    .update(accountTokens)
    .set({ answerAttempts: sql`${accountTokens.answerAttempts} + 1` })
    .where(and(eq(accountTokens.id, id), live, lt(accountTokens.answerAttempts, maxAttempts)))
    .returning({ answerAttempts: accountTokens.answerAttempts });
  return rows[0]?.answerAttempts ?? null;
}

export async function markQuestionPassed(id: string, executor: Executor = db()) {
  await executor
    .update(accountTokens)
    .set({ questionPassedAt: sql`now()`, answerAttempts: 0 })
    .where(and(eq(accountTokens.id, id), live));
}

/** Ends one reset after too many wrong answers to the security question. */
export async function endTokenAfterWrongAnswers(id: string, executor: Executor = db()) {
  await executor.update(accountTokens).set(revoked('security_answers')).where(and(eq(accountTokens.id, id), live));
}

/**
 * Spends a token with one conditional UPDATE: of any number of parallel redemptions, exactly
 * one gets the row back.
 */
export async function consumeToken(
  tokenHash: string,
  purpose: TokenPurpose,
  options: { requireQuestionPassed?: boolean } = {},
  executor: Executor = db(),
) {
  const [row] = await executor
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        live,
        options.requireQuestionPassed ? isNotNull(accountTokens.questionPassedAt) : undefined,
      ),
    )
    .returning({ id: accountTokens.id, userId: accountTokens.userId, locale: accountTokens.locale, newEmail: accountTokens.newEmail });
  return row;
}

/**
 * A new password kills every outstanding token of the account but the "this wasn't me" links:
 * someone who changed the address and then reset the password must not silence the owner.
 */
export async function revokeUserTokens(userId: string, executor: Executor = db()) {
  await executor
    .update(accountTokens)
    .set(revoked('password_changed'))
    .where(
      and(
        eq(accountTokens.userId, userId),
        ne(accountTokens.purpose, 'email_change_cancel'),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
}

/**
 * "This wasn't me" kills every outstanding token of the account, "this wasn't me" links of
 * later changes included, but not those of earlier ones: the first owner's link outranks the
 * links a later, hostile change sent to its own addresses.
 */
export async function revokeTokensAfterCancel(userId: string, cancelTokenId: string, executor: Executor) {
  const issued = executor.select({ createdAt: accountTokens.createdAt }).from(accountTokens).where(eq(accountTokens.id, cancelTokenId));
  await executor
    .update(accountTokens)
    .set(revoked('email_change_cancelled'))
    .where(
      and(
        eq(accountTokens.userId, userId),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        or(ne(accountTokens.purpose, 'email_change_cancel'), gt(accountTokens.createdAt, sql`(${issued})`)),
      ),
    );
}

/**
 * Emailed tokens a week past their end. Until then they still count towards the hourly email
 * limit and let a late click get "already used" or "expired" rather than "does not work".
 */
export async function deleteStaleTokens(executor: Executor = db()): Promise<number> {
  const rows = await executor
    .delete(accountTokens)
    .where(lt(accountTokens.expiresAt, sql`now() - interval '7 days'`))
    .returning({ id: accountTokens.id });
  return rows.length;
}

/** The account's live token of a purpose, if any (to show a pending change). */
export async function findLiveToken(userId: string, purpose: TokenPurpose, executor: Executor = db()) {
  const [row] = await executor
    .select({ id: accountTokens.id, newEmail: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), live));
  return row;
}

/** Spends a live token by id (after its code was proven), once. */
export async function consumeTokenById(id: string, executor: Executor) {
  const [row] = await executor
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.id, id), live))
    .returning({ id: accountTokens.id, userId: accountTokens.userId, locale: accountTokens.locale, newEmail: accountTokens.newEmail });
  return row;
}

/** Ends the account's live tokens of one purpose, e.g. a pending email change that was refused. */
export async function revokeTokensOfPurpose(userId: string, purpose: TokenPurpose, executor: Executor) {
  await executor
    .update(accountTokens)
    .set(revoked('superseded'))
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}
