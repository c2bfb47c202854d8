import 'server-only';
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { translationChanges, translationOverrides, translationState, users, type Locale, type TranslationChangeKind } from './schema';

/** Every instance listens here; a publish notifies in its transaction, so only a commit wakes them. */
export const TRANSLATIONS_CHANNEL = 'sesame_translations';

/** The published overrides, as (locale, key, text). */
export async function publishedOverrides(executor: Executor = db()): Promise<Array<{ locale: Locale; key: string; text: string }>> {
  const rows = await executor
    .select({ locale: translationOverrides.locale, key: translationOverrides.key, text: translationOverrides.published })
    .from(translationOverrides)
    .where(isNotNull(translationOverrides.published));
  return rows.map((row) => ({ ...row, text: row.text! }));
}

/** Published overrides with the drafts on top, for previews only. */
export async function overridesWithDrafts(executor: Executor = db()): Promise<Array<{ locale: Locale; key: string; text: string }>> {
  const rows = await executor
    .select({
      locale: translationOverrides.locale,
      key: translationOverrides.key,
      text: sql<string | null>`coalesce(${translationOverrides.draft}, ${translationOverrides.published})`,
    })
    .from(translationOverrides);
  return rows.filter((row) => row.text !== null).map((row) => ({ ...row, text: row.text! }));
}

export async function translationsVersion(executor: Executor = db()): Promise<number> {
  const [row] = await executor.select({ version: translationState.version }).from(translationState).where(eq(translationState.id, 1));
  return row?.version ?? 0;
}

/**
 * Call in the transaction of every change to what visitors see: the version moves on and every
 * instance hears of it once the transaction commits.
 */
export async function announceTranslationsChanged(tx: Executor): Promise<void> {
  await tx.update(translationState).set({ version: sql`${translationState.version} + 1` }).where(eq(translationState.id, 1));
  await tx.execute(sql`select pg_notify(${TRANSLATIONS_CHANNEL}, '')`);
}

export type OverrideRow = typeof translationOverrides.$inferSelect;
export type ChangeRow = typeof translationChanges.$inferSelect;

/** Every override row (published text, draft and source hash), for the editor's list. */
export async function overrideRows(executor: Executor = db()): Promise<OverrideRow[]> {
  return executor.select().from(translationOverrides);
}

export async function findOverride(locale: Locale, key: string, executor: Executor = db()): Promise<OverrideRow | undefined> {
  const [row] = await executor
    .select()
    .from(translationOverrides)
    .where(and(eq(translationOverrides.locale, locale), eq(translationOverrides.key, key)));
  return row;
}

/** Writes the row's published text and draft; a row left with neither is deleted (the shipped text shows). */
export async function writeOverride(
  row: { locale: Locale; key: string; published: string | null; draft: string | null; sourceHash: string | null; actorUserId: string },
  executor: Executor,
): Promise<void> {
  const where = and(eq(translationOverrides.locale, row.locale), eq(translationOverrides.key, row.key));
  if (row.published === null && row.draft === null) {
    await executor.delete(translationOverrides).where(where);
    return;
  }
  const values = { published: row.published, draft: row.draft, sourceHash: row.sourceHash, updatedByUserId: row.actorUserId, updatedAt: new Date() };
  await executor
    .insert(translationOverrides)
    .values({ locale: row.locale, key: row.key, ...values })
    .onConflictDoUpdate({ target: [translationOverrides.locale, translationOverrides.key], set: values });
}

export async function recordTranslationChange(
  change: { locale: Locale; key: string; kind: TranslationChangeKind; oldValue: string | null; newValue: string | null; actorUserId: string; approved?: boolean },
  executor: Executor,
): Promise<void> {
  await executor.insert(translationChanges).values(change);
}

/** One key's changes, newest first, with the name of who made each. */
export async function translationHistory(locale: Locale, key: string, executor: Executor = db()) {
  return executor
    .select({
      id: translationChanges.id,
      kind: translationChanges.kind,
      oldValue: translationChanges.oldValue,
      newValue: translationChanges.newValue,
      approved: translationChanges.approved,
      occurredAt: translationChanges.occurredAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(translationChanges)
    .leftJoin(users, eq(users.id, translationChanges.actorUserId))
    .where(and(eq(translationChanges.locale, locale), eq(translationChanges.key, key)))
    .orderBy(desc(translationChanges.id));
}

export async function findTranslationChange(id: number, executor: Executor = db()): Promise<ChangeRow | undefined> {
  const [row] = await executor.select().from(translationChanges).where(eq(translationChanges.id, id));
  return row;
}

/**
 * Who wrote the key's current draft: everyone who saved or imported a draft of it since it was
 * last published or its draft discarded, with their names.
 */
export async function draftAuthors(locale: Locale, key: string, executor: Executor = db()): Promise<Array<{ id: string; name: string; email: string }>> {
  const sameKey = and(eq(translationChanges.locale, locale), eq(translationChanges.key, key));
  const settled = executor
    .select({ id: sql<number>`coalesce(max(${translationChanges.id}), 0)` })
    .from(translationChanges)
    .where(and(sameKey, inArray(translationChanges.kind, ['publish', 'discard'])));
  const rows = await executor
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(translationChanges)
    .innerJoin(users, eq(users.id, translationChanges.actorUserId))
    .where(and(sameKey, inArray(translationChanges.kind, ['draft', 'import']), sql`${translationChanges.id} > (${settled})`));
  return rows;
}
