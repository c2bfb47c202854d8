import 'server-only';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { recoveryCodes, users } from './schema';
import { PENDING_TOTP_SECRET_MINUTES } from '@/lib/policy';


export async function findTotpState(userId: string, executor: Executor = db()) {
  const [row] = await executor
    .select({
      secret: users.totpSecretEncrypted,
      pendingSecret: sql<string | null>`case when ${users.totpPendingSince} > now() - make_interval(mins => ${PENDING_TOTP_SECRET_MINUTES})
        then ${users.totpPendingSecretEncrypted} end`,
      enabledAt: users.totpEnabledAt,
      lastStep: users.totpLastStep,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function setPendingTotpSecret(userId: string, encrypted: string, executor: Executor = db()) {
  await executor
    .update(users)
    .set({ totpPendingSecretEncrypted: encrypted, totpPendingSince: sql`now()`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** The pending secret becomes the one in use, with the step its first code proved. */
export async function activatePendingTotp(userId: string, pending: string, step: number, executor: Executor): Promise<boolean> {
  const rows = await executor
    .update(users)
    .set({
      totpSecretEncrypted: pending,
      totpPendingSecretEncrypted: null,
      totpPendingSince: null,
      totpEnabledAt: sql`now()`,
      totpLastStep: step,
      updatedAt: sql`now()`,
    })
    .where(and(eq(users.id, userId), eq(users.totpPendingSecretEncrypted, pending)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * Records an accepted time step in one conditional UPDATE: a step not later than the last one
 * accepted matches nothing, so a code works once even when submitted in parallel.
 */
export async function acceptTotpStep(userId: string, step: number, executor: Executor = db()): Promise<boolean> {
  const rows = await executor
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        sql`${users.totpEnabledAt} is not null`,
        sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`,
      ),
    )
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function setEmailCodes(userId: string, enabled: boolean, executor: Executor) {
  await executor.update(users).set({ emailOtpEnabled: enabled, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Every 2-step method and recovery code of the account goes. */
export async function clearTwoStep(userId: string, executor: Executor) {
  await executor
    .update(users)
    .set({
      totpSecretEncrypted: null,
      totpPendingSecretEncrypted: null,
      totpEnabledAt: null,
      totpLastStep: null,
      emailOtpEnabled: false,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function replaceRecoveryCodes(userId: string, codeHashes: string[], executor: Executor) {
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await executor.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Spends one recovery code with one conditional UPDATE: exactly one caller gets it. */
export async function spendRecoveryCode(userId: string, codeHash: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(userId: string, executor: Executor = db()): Promise<number> {
  const [row] = await executor
    .select({ unused: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.unused ?? 0;
}

/** Every stored TOTP secret, for re-encryption under a new key. */
export async function listEncryptedTotpSecrets(executor: Executor = db()) {
  return executor
    .select({ userId: users.id, secret: users.totpSecretEncrypted, pendingSecret: users.totpPendingSecretEncrypted })
    .from(users)
    .where(sql`${users.totpSecretEncrypted} is not null or ${users.totpPendingSecretEncrypted} is not null`);
}

/** Swaps one encrypted value for another only if it is still the one that was read. */
export async function replaceEncryptedTotpSecret(
  userId: string,
  column: 'secret' | 'pendingSecret',
  from: string,
  to: string,
  executor: Executor = db(),
): Promise<boolean> {
  const target = column === 'secret' ? users.totpSecretEncrypted : users.totpPendingSecretEncrypted;
  const rows = await executor
    .update(users)
    .set(column === 'secret' ? { totpSecretEncrypted: to } : { totpPendingSecretEncrypted: to })
    .where(and(eq(users.id, userId), eq(target, from)))
    .returning({ id: users.id });
  return rows.length === 1;
}
