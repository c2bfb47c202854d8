import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import {
  announceTranslationsChanged,
  draftAuthors,
  findOverride,
  findTranslationChange,
  overrideRows,
  publishedOverrides,
  recordTranslationChange,
  translationHistory,
  writeOverride,
} from '@/lib/db/translations';
import { sha256 } from '@/lib/crypto';
import { activeAdmins } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import type { Catalogue } from '@/lib/i18n/catalogue';
import { forgetLoadedMessages } from '@/lib/messages/message-source';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { can, type Actor } from '@/lib/permissions/can';
import { checkTranslation, otherLocale, shippedText, type TranslationProblem } from './check';
import { isSensitiveKey, newContactDetails } from './sensitive';

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

/**
 * Checks `value` against what visitors see in the other language now; a sensitive text may
 * also gain no web address, email address or phone number its shipped text does not have.
 */
async function problemsWith(locale: AppLocale, key: string, value: string, executor: Executor = db()): Promise<TranslationProblem[]> {
  const shipped = shippedText(locale, key);
  if (shipped === undefined) return [{ code: 'unknownKey' }];
  const problems = checkTranslation(locale, key, value, await publishedText(otherLocale(locale), key, executor));
  const added = isSensitiveKey(key) ? newContactDetails(value, shipped) : [];
  return added.length > 0 ? [...problems, { code: 'contactDetails', names: added }] : problems;
}

type Publisher = { id: string; name: string; email: string };

/**
 * Tells every administrator, in their language, that a sensitive text changed for visitors:
 * an approved draft, or an earlier text put back.
 */
async function tellAdmins(tx: Executor, change: { locale: AppLocale; key: string; text: string; publisher: Publisher; authors: Publisher[]; how: 'approved' | 'rolledBack' }) {
  const named = (person: Publisher) => person.name || person.email;
  for (const admin of await activeAdmins(tx)) {
    await queueEmail(tx, {
      template: 'sensitiveTextPublished',
      to: admin.email,
      locale: admin.locale,
      userId: admin.id,
      props: {
        name: admin.name || null,
        key: change.key,
        language: change.locale,
        text: change.text,
        publisher: named(change.publisher),
        authors: change.authors.map(named).join(', '),
        how: change.how,
      },
    });
  }
}

/** Saves `value` as the key's draft: nothing changes for visitors until it is published. */
export async function saveDraft(actor: Actor, locale: AppLocale, key: string, value: string): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  return db().transaction(async (tx): Promise<EditResult> => {
    const problems = await problemsWith(locale, key, value, tx);
    if (problems.length > 0) return { ok: false, problem: 'invalid', problems };
    const row = await findOverride(locale, key, tx);
    await writeOverride({ locale, key, published: row?.published ?? null, draft: value, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id }, tx);
    await recordTranslationChange({ locale, key, kind: 'draft', oldValue: row?.draft ?? null, newValue: value, actorUserId: actor.id }, tx);
    return { ok: true };
  });
}

export type PublishResult =
  | { ok: true; published: number; awaitingApproval: number }
  | Refused
  | { ok: false; problem: 'nothing' }
  | { ok: false; problem: 'needsApproval'; awaitingApproval: number };

/**
 * Publishes one key's draft, or every draft: visitors see them on every instance within seconds.
 * A sensitive text's draft is published only by someone who wrote none of it (another editor or
 * an admin), one key at a time, which approves it; every administrator is told. "Every draft"
 * leaves those to be approved one by one.
 */
export async function publishDrafts(actor: Actor & { name: string; email: string }, which: { locale: AppLocale; key: string } | 'all', request: Request): Promise<PublishResult> {
  if (!mayEdit(actor)) return refused;
  const result = await db().transaction(async (tx): Promise<PublishResult> => {
    const drafts = (await overrideRows(tx)).filter((row) => row.draft !== null && (which === 'all' || (row.locale === which.locale && row.key === which.key)));
    let published = 0;
    let awaitingApproval = 0;
    for (const row of drafts) {
      const sensitive = isSensitiveKey(row.key);
      const authors = sensitive ? await draftAuthors(row.locale, row.key, tx) : [];
      if (sensitive && (which === 'all' || authors.some((author) => author.id === actor.id))) {
        awaitingApproval += 1;
        continue;
      }
      // Checked again: what a draft may hold can have changed since it was saved.
      if (sensitive && (await problemsWith(row.locale, row.key, row.draft!, tx)).length > 0) {
        awaitingApproval += 1;
        continue;
      }
      await writeOverride({ locale: row.locale, key: row.key, published: row.draft, draft: null, sourceHash: await sourceHashFor(row.locale, row.key, tx), actorUserId: actor.id }, tx);
      await recordTranslationChange({ locale: row.locale, key: row.key, kind: 'publish', oldValue: row.published, newValue: row.draft, actorUserId: actor.id, approved: sensitive }, tx);
      if (sensitive) {
        await tellAdmins(tx, { locale: row.locale, key: row.key, text: row.draft!, publisher: actor, authors, how: 'approved' });
      }
      published += 1;
    }
    if (published === 0) return awaitingApproval > 0 ? { ok: false, problem: 'needsApproval', awaitingApproval } : { ok: false, problem: 'nothing' };
    const detail: Record<string, string | number | boolean> =
      which === 'all' ? { count: published, awaitingApproval } : { locale: which.locale, key: which.key, approved: isSensitiveKey(which.key) };
    await recordAudit({ event: 'translations.published', actorUserId: actor.id, ip: request.ip, detail }, tx);
    await announceTranslationsChanged(tx);
    return { ok: true, published, awaitingApproval };
  });
  if (result.ok) forgetLoadedMessages();
  return result;
}

/** Throws a key's draft away; what visitors see does not change. */
export async function discardDraft(actor: Actor, locale: AppLocale, key: string): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  return db().transaction(async (tx): Promise<EditResult> => {
    const row = await findOverride(locale, key, tx);
    if (!row || row.draft === null) return { ok: false, problem: 'nothing' };
    await writeOverride({ ...row, draft: null, actorUserId: actor.id }, tx);
    await recordTranslationChange({ locale, key, kind: 'discard', oldValue: row.draft, newValue: null, actorUserId: actor.id }, tx);
    return { ok: true };
  });
}

/** Visitors see the shipped text again; a draft in progress is kept. */
export async function revertToShipped(actor: Actor, locale: AppLocale, key: string, request: Request): Promise<EditResult> {
  if (!mayEdit(actor)) return refused;
  const result = await db().transaction(async (tx): Promise<EditResult> => {
    const row = await findOverride(locale, key, tx);
    if (!row || row.published === null) return { ok: false, problem: 'nothing' };
    await writeOverride({ ...row, published: null, actorUserId: actor.id }, tx);
    await recordTranslationChange({ locale, key, kind: 'revert', oldValue: row.published, newValue: null, actorUserId: actor.id }, tx);
    await recordAudit({ event: 'translations.reverted', actorUserId: actor.id, ip: request.ip, detail: { locale, key } }, tx);
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
  actor: Actor & { name: string; email: string },
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
    await writeOverride({ locale, key, published: newValue, draft: row?.draft ?? null, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id }, tx);
    await recordTranslationChange({ locale, key, kind: 'rollback', oldValue: row?.published ?? null, newValue, actorUserId: actor.id }, tx);
    await recordAudit({ event: 'translations.rolled_back', actorUserId: actor.id, ip: request.ip, detail: { locale, key, changeId } }, tx);
    if (isSensitiveKey(key)) await tellAdmins(tx, { locale, key, text: newValue ?? shippedText(locale, key)!, publisher: actor, authors: [], how: 'rolledBack' });
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
        await writeOverride({ locale, key, published: row?.published ?? null, draft: value, sourceHash: await sourceHashFor(locale, key, tx), actorUserId: actor.id }, tx);
        await recordTranslationChange({ locale, key, kind: 'import', oldValue: row?.draft ?? null, newValue: value, actorUserId: actor.id }, tx);
        lines.push({ locale, key, status: 'saved', problems: [] });
      }
    }
    const saved = lines.filter((line) => line.status === 'saved').length;
    await recordAudit({ event: 'translations.imported', actorUserId: actor.id, ip: request.ip, detail: { saved, invalid: lines.filter((line) => line.status === 'invalid').length } }, tx);
    return lines;
  });
  return { ok: true, lines };
}
