import 'server-only';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { translationOverrides, translationState, type Locale } from './schema';

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
