import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import {
  announceTranslationsChanged,
  findOverride,
  findTranslationChange,
  overrideRows,
  publishedOverrides,
  recordTranslationChange,
  translationHistory,
  writeOverride,
} from '@/lib/db/translations';
import { sha256 } from '@/lib/crypto';
import type { Catalogue } from '@/lib/i18n/catalogue';
import { forgetLoadedMessages } from '@/lib/i18n/message-source';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { can, type Actor } from '@/lib/permissions/can';
import { checkTranslation, otherLocale, shippedText, type TranslationProblem } from './check';

// What editors do to the words: drafts first, then publish (visible at once on every instance),
// revert to the shipped text, roll back to an earlier one. Every change to what visitors see is
// an audit event and is announced in its transaction, so instances reload only after a commit.

type Request = { ip: string | null };
export type Refused = { ok: false; problem: 'forbidden' };
export type EditResult = { ok: true } | Refused | { ok: false; problem: 'invalid'; problems: TranslationProblem[] } | { ok: false; problem: 'nothing' };

const refused: Refused = { ok: false, problem: 'forbidden' };
const mayEdit = (actor: Actor) => can(actor, 'translations.edit');

/** The text visitors see now for a key, read in the caller's transaction. */
async function publishedText(locale: AppLocale, key: string, executor: Executor): Promise<string | undefined> {
  return (await findOverride(locale, key, executor))?.published ?? shippedText(locale, key);
}

/**
 * The fingerprint of the English a French text is written against: when the English changes
 * later, the French is flagged stale. English texts have none.
 */
async function sourceHashFor(locale: AppLocale, key: string, executor: Executor): Promise<string | null> {
  if (locale === 'en') return null;
  const english = await publishedText('en', key, executor);
  return english === undefined ? null : sha256(english);
}

/** Checks `value` against what visitors see in the other language now. */
async function problemsWith(locale: AppLocale, key: string, value: string, executor: Executor = db()): Promise<TranslationProblem[]> {
  if (shippedText(locale, key) === undefined) return [{ code: 'unknownKey' }];
  return checkTranslation(locale, key, value, await publishedText(otherLocale(locale), key, executor));
}

/** Saves `value` as the key's draft: nothing changes for visitors until it is published. */
export async function saveDraft(actor: Actor, locale: AppLocale, key: string, value: string): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  return db().transaction(async (tx): Promise<EditResult> => {
    const problems = await problemsWith(locale, key, value, tx);
    if (problems.length > 0) return { ok: false, problem: 'invalid', problems };
    const row = await findOverride(locale, key, tx);
    await writeOverride(tx, { locale, key, published: row?.published ?? null, draft: value, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id });
    await recordTranslationChange(tx, { locale, key, kind: 'draft', oldValue: row?.draft ?? null, newValue: value, actorUserId: actor.id });
    return { ok: true };
  });
}

/** Publishes one key's draft, or every draft: visitors see them on every instance within seconds. */
export async function publishDrafts(
  actor: Actor,
  which: { locale: AppLocale; key: string } | 'all',
  request: Request,
): Promise<{ ok: true; published: number } | Refused | { ok: false; problem: 'nothing' }> {
  if (!mayEdit(actor)) return refused;
  const published = await db().transaction(async (tx) => {
    const rows = (await overrideRows(tx)).filter((row) => row.draft !== null && (which === 'all' || (row.locale === which.locale && row.key === which.key)));
    for (const row of rows) {
      await writeOverride(tx, { locale: row.locale, key: row.key, published: row.draft, draft: null, sourceHash: await sourceHashFor(row.locale, row.key, tx), actorUserId: actor.id });
      await recordTranslationChange(tx, { locale: row.locale, key: row.key, kind: 'publish', oldValue: row.published, newValue: row.draft, actorUserId: actor.id });
    }
    if (rows.length === 0) return 0;
    const detail: Record<string, string | number> = which === 'all' ? { count: rows.length } : { locale: which.locale, key: which.key };
    await recordAudit(tx, { event: 'translations.published', actorUserId: actor.id, ip: request.ip, detail });
    await announceTranslationsChanged(tx);
    return rows.length;
  });
  if (published === 0) return { ok: false, problem: 'nothing' };
  forgetLoadedMessages();
  return { ok: true, published };
}

/** Throws a key's draft away; what visitors see does not change. */
export async function discardDraft(actor: Actor, locale: AppLocale, key: string): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  return db().transaction(async (tx): Promise<EditResult> => {
    const row = await findOverride(locale, key, tx);
    if (!row || row.draft === null) return { ok: false, problem: 'nothing' };
    await writeOverride(tx, { ...row, draft: null, actorUserId: actor.id });
    await recordTranslationChange(tx, { locale, key, kind: 'discard', oldValue: row.draft, newValue: null, actorUserId: actor.id });
    return { ok: true };
  });
}

/** Visitors see the shipped text again; a draft in progress is kept. */
export async function revertToShipped(actor: Actor, locale: AppLocale, key: string, request: Request): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  const result = await db().transaction(async (tx): Promise<EditResult> => {
    const row = await findOverride(locale, key, tx);
    if (!row || row.published === null) return { ok: false, problem: 'nothing' };
    await writeOverride(tx, { ...row, published: null, actorUserId: actor.id });
    await recordTranslationChange(tx, { locale, key, kind: 'revert', oldValue: row.published, newValue: null, actorUserId: actor.id });
    await recordAudit(tx, { event: 'translations.reverted', actorUserId: actor.id, ip: request.ip, detail: { locale, key } });
    await announceTranslationsChanged(tx);
    return { ok: true };
  });
  if (result.ok) forgetLoadedMessages();
  return result;
}

/** Whether visitors saw a change's `newValue` right after it (the only values one can roll back to). */
export const isPublishedChange = (kind: string) => kind === 'publish' || kind === 'revert' || kind === 'rollback';

/**
 * Publishes at once the text a key had right after an earlier change (the shipped text, after a
 * revert). The text is checked again: the code may have changed its placeholders since.
 */
export async function rollBackTo(
  actor: Actor,
  changeId: number,
  request: Request,
): Promise<EditResult | { ok: false; problem: 'notFound' }> {
  if (!mayEdit(actor)) return refused;
  const result = await db().transaction(async (tx): Promise<EditResult | { ok: false; problem: 'notFound' }> => {
    const change = await findTranslationChange(changeId, tx);
    if (!change || !isPublishedChange(change.kind) || shippedText(change.locale, change.key) === undefined) return { ok: false, problem: 'notFound' };
    const { locale, key, newValue } = change;
    if (newValue !== null) {
      const problems = await problemsWith(locale, key, newValue, tx);
      if (problems.length > 0) return { ok: false, problem: 'invalid', problems };
    }
    const row = await findOverride(locale, key, tx);
    await writeOverride(tx, { locale, key, published: newValue, draft: row?.draft ?? null, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id });
    await recordTranslationChange(tx, { locale, key, kind: 'rollback', oldValue: row?.published ?? null, newValue, actorUserId: actor.id });
    await recordAudit(tx, { event: 'translations.rolled_back', actorUserId: actor.id, ip: request.ip, detail: { locale, key, changeId } });
    await announceTranslationsChanged(tx);
    return { ok: true };
  });
  if (result.ok) forgetLoadedMessages();
  return result;
}

/** Who changed a key, when, from what to what; newest first. */
export async function historyOf(actor: Actor, locale: AppLocale, key: string) {
  if (!mayEdit(actor)) return [];
  return translationHistory(locale, key);
}

/** The published overrides in the catalogue's own nested shape, one tree per language. */
export async function exportOverrides(actor: Actor): Promise<Record<AppLocale, Catalogue> | null> {
  if (!mayEdit(actor)) return null;
  const tree: Record<AppLocale, Catalogue> = { en: {}, fr: {} };
  const rows = (await publishedOverrides()).filter((row) => shippedText(row.locale, row.key) !== undefined);
  for (const row of rows.sort((a, b) => a.key.localeCompare(b.key))) {
    const parts = row.key.split('.');
    const last = parts.pop()!;
    let node = tree[row.locale];
    for (const part of parts) node = (node[part] ??= {}) as Catalogue;
    node[last] = row.text;
  }
  return tree;
}

export type ImportLine = { locale: AppLocale; key: string; status: 'saved' | 'unchanged' | 'invalid'; problems: TranslationProblem[] };
export type ImportResult = { ok: true; lines: ImportLine[] } | Refused | { ok: false; problem: 'format' };

const isTree = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf of a nested object, by dotted key; a leaf that is not text is kept as null. */
function leaves(tree: Record<string, unknown>, prefix = ''): Array<[string, string | null]> {
  return Object.entries(tree).flatMap(([name, value]): Array<[string, string | null]> =>
    isTree(value) ? leaves(value, `${prefix}${name}.`) : [[`${prefix}${name}`, typeof value === 'string' ? value : null]],
  );
}

/**
 * Reads a file in the export's shape (a translation agency's work coming back): every value is
 * checked as if typed in the editor and reported on; the valid ones that change something
 * become drafts, to be reviewed and published like any other.
 */
export async function importOverrides(actor: Actor, file: string, request: Request): Promise<ImportResult> {
  if (!mayEdit(actor)) return refused;
  let parsed: unknown;
  try {
    parsed = JSON.parse(file);
  } catch {
    return { ok: false, problem: 'format' };
  }
  if (!isTree(parsed) || Object.keys(parsed).some((locale) => !routing.locales.includes(locale as AppLocale) || !isTree(parsed[locale]))) {
    return { ok: false, problem: 'format' };
  }
  const tree = parsed as Record<AppLocale, Record<string, unknown>>;
  const lines = await db().transaction(async (tx) => {
    const lines: ImportLine[] = [];
    for (const locale of routing.locales) {
      for (const [key, value] of leaves(tree[locale] ?? {})) {
        const problems = value === null ? [{ code: 'syntax' } as const] : await problemsWith(locale, key, value, tx);
        if (problems.length > 0 || value === null) {
          lines.push({ locale, key, status: 'invalid', problems });
          continue;
        }
        const row = await findOverride(locale, key, tx);
        if ((row?.draft ?? row?.published ?? shippedText(locale, key)) === value) {
          lines.push({ locale, key, status: 'unchanged', problems: [] });
          continue;
        }
        await writeOverride(tx, { locale, key, published: row?.published ?? null, draft: value, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id });
        await recordTranslationChange(tx, { locale, key, kind: 'import', oldValue: row?.draft ?? null, newValue: value, actorUserId: actor.id });
        lines.push({ locale, key, status: 'saved', problems: [] });
      }
    }
    const saved = lines.filter((line) => line.status === 'saved').length;
    await recordAudit(tx, { event: 'translations.imported', actorUserId: actor.id, ip: request.ip, detail: { saved, invalid: lines.filter((line) => line.status === 'invalid').length } });
    return lines;
  });
  return { ok: true, lines };
}
