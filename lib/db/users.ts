import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { ssoConnections, teams, users } from './schema';
import { SIGN_IN_STATEMENTS } from './sign-in-statements';
import { enforcesOn } from './sso';

/** What may leave the data layer for display: never a hash or a secret. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  username: users.username,
  phone: users.phone,
  name: users.name,
  locale: users.locale,
  role: users.role,
  state: users.state,
  teamId: users.teamId,
  teamName: teams.name,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  totpEnabledAt: users.totpEnabledAt,
  emailOtpEnabled: users.emailOtpEnabled,
};

export type PublicUser = Awaited<ReturnType<typeof findUserById>> & {};

export async function findUserById(id: string, executor: Executor = db()) {
  const [user] = await executor
    .select(publicUserColumns)
    .from(users)
    .leftJoin(teams, eq(users.teamId, teams.id))
    .where(eq(users.id, id));
  return user;
}

/** How a person names their account: email, username or phone, as stored (lib/auth/identifiers.ts reads it from what they typed). */
export type Identifier =
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'username'; value: string };

const columnFor = { email: users.email, username: users.username, phone: users.phone } as const;

/**
 * The sign-in view of an account, if there is one: includes the hash, so it never leaves
 * `lib/auth`. In the same statement, since a sign-in asks both every time:
 * - `account.companySignIn`: a company keeps the account on its own sign-in
 *   (`lib/auth/sso-domain-policy`'s `accountCompanySignIn`);
 * - `domainEnforced`: a company keeps the typed address's domain on its own sign-in, whether or
 *   not an account has that address.
 */
export async function findUserForSignIn(identifier: Identifier, executor: Executor = db()) {
  const typedDomain = identifier.kind === 'email' ? identifier.value.slice(identifier.value.lastIndexOf('@') + 1) : null;
  const [row] = await executor
    .select({
      id: users.id,
      email: users.email,
      username: users.username,
      name: users.name,
      state: users.state,
      locale: users.locale,
      passwordHash: users.passwordHash,
      passwordChangedAt: users.passwordChangedAt,
      totpEnabledAt: users.totpEnabledAt,
      emailOtpEnabled: users.emailOtpEnabled,
      mustChangePassword: users.mustChangePassword,
      passwordExpiresAt: users.passwordExpiresAt,
      // Stored addresses are normalised: the domain is what follows their one @.
      companySignIn: sql<boolean>`exists (select 1 from ${ssoConnections} where ${enforcesOn(users.id, sql`split_part(${users.email}, '@', 2)`)})`,
      // No account is linked to a null id: only the domain can match.
      domainEnforced: sql<boolean>`exists (select 1 from ${ssoConnections} where ${enforcesOn(sql`null::uuid`, typedDomain)})`,
    })
    // One row whether or not an account matches: the domain's answer is needed either way.
    .from(sql`(select 1) as sign_in`)
    .leftJoin(users, eq(columnFor[identifier.kind], identifier.value))
    .prepare(SIGN_IN_STATEMENTS.findUserForSignIn)
    .execute();
  const { domainEnforced, ...account } = row!;
  return { domainEnforced, account: account.id === null ? undefined : (account as SignInAccount) };
}

type SignInAccount = Pick<
  typeof users.$inferSelect,
  'id' | 'email' | 'username' | 'name' | 'state' | 'locale' | 'passwordHash' | 'passwordChangedAt' | 'totpEnabledAt' | 'emailOtpEnabled' | 'mustChangePassword' | 'passwordExpiresAt'
> & { companySignIn: boolean };

/** For checking the current password inside a session; never leaves `lib/`. */
export async function findPasswordHash(userId: string, executor: Executor = db()): Promise<string | null> {
  const [row] = await executor.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

export async function updatePasswordHash(userId: string, passwordHash: string, executor: Executor = db()) {
  await executor.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function countUsers(executor: Executor = db()): Promise<number> {
  const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

export type NewUser = typeof users.$inferInsert;

export async function insertUser(values: NewUser, executor: Executor = db()): Promise<string> {
  const [row] = await executor.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Which of the unique identifiers are already taken, so the caller can say which one. */
export async function takenIdentifiers(
  values: { email: string; username?: string | null; phone?: string | null },
  executor: Executor = db(),
): Promise<Array<'email' | 'username' | 'phone'>> {
  const rows = await executor
    .select({ email: users.email, username: users.username, phone: users.phone })
    .from(users)
    .where(
      sql`${users.email} = ${values.email}
        or (${values.username ?? null}::text is not null and ${users.username} = ${values.username ?? null})
        or (${values.phone ?? null}::text is not null and ${users.phone} = ${values.phone ?? null})`,
    );
  const taken = new Set<'email' | 'username' | 'phone'>();
  for (const row of rows) {
    if (row.email === values.email) taken.add('email');
    if (values.username && row.username === values.username) taken.add('username');
    if (values.phone && row.phone === values.phone) taken.add('phone');
  }
  return [...taken];
}

// What recovery, second factors and company sign-in need to know about an account: the
// password-policy context and which security question it has, never a hash. The two hashes
// are read only by the checks that compare against them (findPasswordHash, findUserForSignIn
// and findSecurityAnswerHash).
const recoveryColumns = {
  id: users.id,
  email: users.email,
  username: users.username,
  phone: users.phone,
  name: users.name,
  state: users.state,
  locale: users.locale,
  securityQuestion: users.securityQuestion,
  hasSecurityAnswer: sql<boolean>`${users.securityAnswerHash} is not null`,
  totpEnabledAt: users.totpEnabledAt,
  emailOtpEnabled: users.emailOtpEnabled,
  mustChangePassword: users.mustChangePassword,
};

export async function findUserForRecovery(userId: string, executor: Executor = db()) {
  const [user] = await executor.select(recoveryColumns).from(users).where(eq(users.id, userId));
  return user;
}

/** The account a person named, for the flows that prove them by email or code, not by password. */
export async function findUserForRecoveryByIdentifier(identifier: Identifier, executor: Executor = db()) {
  const [user] = await executor.select(recoveryColumns).from(users).where(eq(columnFor[identifier.kind], identifier.value));
  return user;
}

/** For the security question's check alone. */
export async function findSecurityAnswerHash(userId: string, executor: Executor = db()): Promise<string | null> {
  const [row] = await executor.select({ securityAnswerHash: users.securityAnswerHash }).from(users).where(eq(users.id, userId));
  return row?.securityAnswerHash ?? null;
}

/** A new password chosen by the person: any temporary-password obligation ends with it. */
export async function setPassword(userId: string, passwordHash: string, executor: Executor = db()) {
  await executor
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: sql`now()`,
      mustChangePassword: false,
      passwordExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}

export async function setSecurityQuestion(
  userId: string,
  question: { key: string; answerHash: string },
  executor: Executor = db(),
) {
  await executor
    .update(users)
    .set({ securityQuestion: question.key, securityAnswerHash: question.answerHash, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** pending → active, only from pending: a deactivated account is never revived by a link. */
export async function activatePendingUser(userId: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor
    .update(users)
    .set({ state: 'active', activatedAt: sql`now()`, updatedAt: sql`now()` })
    .where(sql`${users.id} = ${userId} and ${users.state} = 'pending'`)
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Whether another account already uses this phone number. */
export async function phoneTakenByOther(userId: string, phone: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor.select({ id: users.id }).from(users).where(sql`${users.phone} = ${phone} and ${users.id} <> ${userId}`);
  return rows.length > 0;
}

export async function updateProfileFields(
  userId: string,
  values: { name: string; phone: string | null; locale: 'en' | 'fr' },
  executor: Executor = db(),
) {
  await executor.update(users).set({ ...values, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Whether another account already uses this email address. */
export async function emailTakenByOther(userId: string, email: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor.select({ id: users.id }).from(users).where(sql`${users.email} = ${email} and ${users.id} <> ${userId}`);
  return rows.length > 0;
}

export async function setEmail(userId: string, email: string, executor: Executor) {
  await executor.update(users).set({ email, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** An admin sets a password for the person: temporary (changed at the next sign-in) by default. */
export async function setPasswordForUser(
  userId: string,
  values: { passwordHash: string; temporaryUntil: Date | null },
  executor: Executor,
) {
  await executor
    .update(users)
    .set({
      passwordHash: values.passwordHash,
      passwordChangedAt: sql`now()`,
      mustChangePassword: values.temporaryUntil !== null,
      passwordExpiresAt: values.temporaryUntil,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}

/** Deactivation and reactivation; returns whether the state changed. */
export async function setAccountState(userId: string, from: 'active' | 'deactivated', to: 'active' | 'deactivated', executor: Executor) {
  const rows = await executor
    .update(users)
    .set({ state: to, deactivatedAt: to === 'deactivated' ? sql`now()` : null, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.state, from)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** The ids of the accounts with these (normalised) email addresses. */
export async function idsByEmail(emails: string[], executor: Executor = db()): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // A statement takes at most 65,535 parameters: an import's addresses are looked up in batches.
  for (let start = 0; start < emails.length; start += 10_000) {
    const batch = emails.slice(start, start + 10_000);
    const rows = await executor.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, batch));
    for (const row of rows) ids.set(row.email, row.id);
  }
  return ids;
}

/** Every active administrator, to be told of what concerns the whole site. */
export async function activeAdmins(executor: Executor = db()) {
  return executor
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.state, 'active')));
}
