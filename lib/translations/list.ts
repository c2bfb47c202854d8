import { sha256 } from '@/lib/crypto';
import type { OverrideRow } from '@/lib/db/translations';
import { flattenCatalogue, type Catalogue } from '@/lib/i18n/catalogue';
import { shippedMessages } from '@/lib/i18n/message-cache';
import type { AppLocale } from '@/lib/i18n/routing';
import { groupOf, whereUsed, type Where } from './where';

export const translationFilters = ['all', 'missing', 'same', 'stale', 'overridden', 'draft'] as const;
export type TranslationFilter = (typeof translationFilters)[number];

export interface LanguageText {
  shipped: string;
  published: string | null;
  draft: string | null;
  /** What visitors see: the published override, or the shipped text. */
  current: string;
}

export interface TranslationRow {
  key: string;
  group: string;
  en: LanguageText;
  fr: LanguageText;
  flags: Record<Exclude<TranslationFilter, 'all'>, boolean>;
}

// About a screen's worth at the full width of a desktop window: the catalogue's 1,270 texts in
// seven pages rather than twenty-six.
export const PAGE_SIZE = 200;

/** Every message of the catalogue, with both languages as shipped, published and drafted. */
export function translationRows(overrides: OverrideRow[]): TranslationRow[] {
  const shipped = {
    en: flattenCatalogue(shippedMessages('en') as unknown as Catalogue),
    fr: flattenCatalogue(shippedMessages('fr') as unknown as Catalogue),
  };
  const byKey = new Map(overrides.map((row) => [`${row.locale}:${row.key}`, row]));
  const text = (locale: AppLocale, key: string): LanguageText => {
    const row = byKey.get(`${locale}:${key}`);
    const published = row?.published ?? null;
    return { shipped: shipped[locale].get(key) ?? '', published, draft: row?.draft ?? null, current: published ?? shipped[locale].get(key) ?? '' };
  };
  return [...shipped.en.keys()].map((key) => {
    const en = text('en', key);
    const fr = text('fr', key);
    const frenchHash = byKey.get(`fr:${key}`)?.sourceHash;
    return {
      key,
      group: groupOf(key),
      en,
      fr,
      flags: {
        missing: en.current.trim() === '' || fr.current.trim() === '',
        same: fr.current === en.current,
        // A French override written against another English than the one visitors see now.
        stale: fr.published !== null && !!frenchHash && frenchHash !== sha256(en.current),
        overridden: en.published !== null || fr.published !== null,
        draft: en.draft !== null || fr.draft !== null,
      },
    };
  });
}

export interface TranslationQuery {
  filter: TranslationFilter;
  q: string;
  page: number;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** The list's GET parameters, anything unexpected read as its default. */
export function readTranslationQuery(params: Record<string, string | string[] | undefined>): TranslationQuery {
  const filter = one(params.filter);
  const page = Number(one(params.page));
  return {
    filter: (translationFilters as readonly string[]).includes(filter) ? (filter as TranslationFilter) : 'all',
    q: one(params.q).trim().slice(0, 200),
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

export interface TranslationList {
  groups: Array<{ group: string; where: Where; rows: TranslationRow[] }>;
  counts: Record<TranslationFilter, number>;
  total: number;
  page: number;
  pages: number;
}

/**
 * One page of the list: rows matching the search (in the key or either language's text) and
 * the filter, grouped by where they appear; the counts are of the search's matches per filter.
 */
export function listTranslations(rows: TranslationRow[], query: TranslationQuery): TranslationList {
  const { searched, matching } = select(rows, query);
  const counts = Object.fromEntries(
    translationFilters.map((filter) => [filter, filter === 'all' ? searched.length : searched.filter((row) => row.flags[filter]).length]),
  ) as Record<TranslationFilter, number>;
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const groups: TranslationList['groups'] = [];
  for (const row of matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) {
    const last = groups.at(-1);
    if (last?.group === row.group) last.rows.push(row);
    else groups.push({ group: row.group, where: whereUsed(row.group), rows: [row] });
  }
  return { groups, counts, total: matching.length, page, pages };
}

/**
 * The texts before and after `key` in the list as `query` shows it (its search and filter, across
 * pages), so an editor goes from one text to the next without going back to the list.
 */
export function neighboursOf(rows: TranslationRow[], query: Omit<TranslationQuery, 'page'>, key: string): { previous?: string; next?: string } {
  const { matching } = select(rows, { ...query, page: 1 });
  const index = matching.findIndex((row) => row.key === key);
  if (index === -1) return {};
  return { previous: matching[index - 1]?.key, next: matching[index + 1]?.key };
}

function select(rows: TranslationRow[], query: TranslationQuery): { searched: TranslationRow[]; matching: TranslationRow[] } {
  const needle = query.q.toLocaleLowerCase();
  const searched = needle
    ? rows.filter((row) => [row.key, row.en.current, row.fr.current, row.en.draft ?? '', row.fr.draft ?? ''].some((text) => text.toLocaleLowerCase().includes(needle)))
    : rows;
  const matching = query.filter === 'all' ? searched : searched.filter((row) => row.flags[query.filter as Exclude<TranslationFilter, 'all'>]);
  return { searched, matching };
}
