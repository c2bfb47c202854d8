import 'server-only';
import { and, asc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { db, type Executor } from './client';
import { ssoConnections, ssoDomains, ssoIdentities, ssoSignInFlows, teams, type Role, type SsoMode } from './schema';

export type StoredConnection = typeof ssoConnections.$inferSelect;

export interface ConnectionValues {
  name: string;
  issuer: string;
  clientId: string;
  /** Absent: the stored secret stays. */
  clientSecretSealed?: string;
  scopes: string;
  mode: SsoMode;
  createAccounts: boolean;
  defaultTeamId: string | null;
  defaultRole: Role;
}

/** Every connection with its domains, for the admin list. */
export async function listConnections(executor: Executor = db()) {
  const rows = await executor
    .select({
      id: ssoConnections.id,
      name: ssoConnections.name,
      issuer: ssoConnections.issuer,
      mode: ssoConnections.mode,
      createAccounts: ssoConnections.createAccounts,
      domains: sql<string[]>`coalesce((select array_agg(${ssoDomains.domain} order by ${ssoDomains.domain}) from ${ssoDomains} where ${ssoDomains.connectionId} = ${ssoConnections.id}), '{}')`,
    })
    .from(ssoConnections)
    .orderBy(asc(ssoConnections.name));
  return rows;
}

export async function findConnection(id: string, executor: Executor = db()): Promise<(StoredConnection & { domains: string[] }) | undefined> {
  const [row] = await executor.select().from(ssoConnections).where(eq(ssoConnections.id, id));
  if (!row) return undefined;
  const domains = await executor.select({ domain: ssoDomains.domain }).from(ssoDomains).where(eq(ssoDomains.connectionId, id)).orderBy(asc(ssoDomains.domain));
  return { ...row, domains: domains.map((d) => d.domain) };
}

/** The connection that signs in addresses of this domain (lower-case), with its default team's name. */
export async function findConnectionForDomain(domain: string, executor: Executor = db()) {
  const [row] = await executor
    .select({ connection: ssoConnections, teamName: teams.name })
    .from(ssoDomains)
    .innerJoin(ssoConnections, eq(ssoConnections.id, ssoDomains.connectionId))
    .leftJoin(teams, eq(teams.id, ssoConnections.defaultTeamId))
    .where(eq(ssoDomains.domain, domain));
  return row;
}

/** The domains among these that another connection already has. */
export async function domainsTakenByOthers(domains: string[], connectionId: string | null, executor: Executor = db()): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await executor.select({ domain: ssoDomains.domain, connectionId: ssoDomains.connectionId }).from(ssoDomains).where(inArray(ssoDomains.domain, domains));
  return rows.filter((row) => row.connectionId !== connectionId).map((row) => row.domain);
}

/** Creates or updates a connection and sets its domains to exactly these. */
export async function saveConnection(id: string | null, values: ConnectionValues, domains: string[], executor: Executor): Promise<string | null> {
  let connectionId = id;
  if (connectionId) {
    const updated = await executor
      .update(ssoConnections)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(ssoConnections.id, connectionId))
      .returning({ id: ssoConnections.id });
    if (updated.length === 0) return null;
    await executor.delete(ssoDomains).where(eq(ssoDomains.connectionId, connectionId));
  } else {
    if (!values.clientSecretSealed) throw new Error('a new connection needs its client secret');
    const [row] = await executor
      .insert(ssoConnections)
      .values({ ...values, clientSecretSealed: values.clientSecretSealed })
      .returning({ id: ssoConnections.id });
    connectionId = row!.id;
  }
  if (domains.length > 0) await executor.insert(ssoDomains).values(domains.map((domain) => ({ domain, connectionId: connectionId! })));
  return connectionId;
}

export async function deleteConnection(id: string, executor: Executor): Promise<string | null> {
  const [row] = await executor.delete(ssoConnections).where(eq(ssoConnections.id, id)).returning({ name: ssoConnections.name });
  return row?.name ?? null;
}

export async function findIdentity(connectionId: string, subject: string, executor: Executor = db()) {
  const [row] = await executor
    .select({ id: ssoIdentities.id, userId: ssoIdentities.userId })
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.connectionId, connectionId), eq(ssoIdentities.subject, subject)));
  return row;
}

export async function insertIdentity(values: { userId: string; connectionId: string; subject: string; email: string }, executor: Executor) {
  await executor.insert(ssoIdentities).values({ ...values, lastUsedAt: sql`now()` });
}

export async function recordIdentityUse(id: string, email: string, executor: Executor) {
  await executor.update(ssoIdentities).set({ email, lastUsedAt: sql`now()` }).where(eq(ssoIdentities.id, id));
}

/** An account's linked identities, with the name of the company sign-in each belongs to. */
export async function listIdentities(userId: string, executor: Executor = db()) {
  return executor
    .select({
      id: ssoIdentities.id,
      connectionName: ssoConnections.name,
      email: ssoIdentities.email,
      createdAt: ssoIdentities.createdAt,
      lastUsedAt: ssoIdentities.lastUsedAt,
    })
    .from(ssoIdentities)
    .innerJoin(ssoConnections, eq(ssoConnections.id, ssoIdentities.connectionId))
    .where(eq(ssoIdentities.userId, userId))
    .orderBy(asc(ssoIdentities.createdAt));
}

/** Unlinks one of the account's identities; the company sign-in's name, or null. */
export async function deleteIdentity(userId: string, id: string, executor: Executor): Promise<string | null> {
  const [row] = await executor
    .delete(ssoIdentities)
    .where(and(eq(ssoIdentities.userId, userId), eq(ssoIdentities.id, id)))
    .returning({ connectionId: ssoIdentities.connectionId });
  if (!row) return null;
  const [connection] = await executor.select({ name: ssoConnections.name }).from(ssoConnections).where(eq(ssoConnections.id, row.connectionId));
  return connection?.name ?? '';
}

export async function insertFlow(values: typeof ssoSignInFlows.$inferInsert, executor: Executor = db()) {
  await executor.insert(ssoSignInFlows).values(values);
}

/** Takes a trip's row: the first callback to name it gets it, and nobody after. */
export async function takeFlow(stateHash: string, executor: Executor = db()) {
  const [row] = await executor.delete(ssoSignInFlows).where(eq(ssoSignInFlows.stateHash, stateHash)).returning();
  return row && row.expiresAt > new Date() ? row : undefined;
}

export async function deleteExpiredFlows(executor: Executor = db()): Promise<number> {
  const rows = await executor.delete(ssoSignInFlows).where(sql`${ssoSignInFlows.expiresAt} <= now()`).returning({ stateHash: ssoSignInFlows.stateHash });
  return rows.length;
}

/**
 * The enforcing company sign-in an account belongs to, if any: the one of its address's domain,
 * or one it has an identity linked with (whatever its address says now), with its domains.
 */
export async function findEnforcingConnection(userId: string, domain: string | null, executor: Executor = db()) {
  const [row] = await executor
    .select({
      id: ssoConnections.id,
      name: ssoConnections.name,
      issuer: ssoConnections.issuer,
      domains: sql<string[]>`array(select ${ssoDomains.domain} from ${ssoDomains} where ${ssoDomains.connectionId} = ${ssoConnections.id} order by 1)`,
    })
    .from(ssoConnections)
    .where(enforcesOn(userId, domain))
    .limit(1);
  return row;
}

/**
 * The rule for an account's enforcing connection, as a condition on `sso_connections`: in
 * enforce mode, and holding the account's address's domain or an identity linked to it. The
 * account and its domain may be values or columns of an outer query.
 */
export function enforcesOn(userId: string | SQLWrapper, domain: string | SQLWrapper | null): SQL {
  const byDomain = domain === null ? sql`false` : sql`exists (select 1 from ${ssoDomains} where ${ssoDomains.connectionId} = ${ssoConnections.id} and ${ssoDomains.domain} = ${domain})`;
  return and(
    eq(ssoConnections.mode, 'enforce'),
    sql`(${byDomain} or exists (select 1 from ${ssoIdentities} where ${ssoIdentities.connectionId} = ${ssoConnections.id} and ${ssoIdentities.userId} = ${userId}))`,
  )!;
}

/** Whether the account has an identity of this connection under another subject than `subject`. */
export async function hasOtherIdentity(userId: string, connectionId: string, subject: string, executor: Executor = db()): Promise<boolean> {
  const [row] = await executor
    .select({ id: ssoIdentities.id })
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.userId, userId), eq(ssoIdentities.connectionId, connectionId), sql`${ssoIdentities.subject} <> ${subject}`))
    .limit(1);
  return row !== undefined;
}
