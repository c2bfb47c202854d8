import { placeholdersOf } from '@/lib/i18n/catalogue';

/** Flattened catalogues by locale, the reference language first (see flattenCatalogue). */
export type FlatCatalogues = Record<string, Map<string, string>>;

export type CatalogueProblem =
  | { kind: 'missing'; key: string; locale: string }
  | { kind: 'empty'; key: string; locale: string }
  | { kind: 'syntax'; key: string; locale: string; error: string }
  | { kind: 'placeholders'; key: string; locale: string; expected: string[]; found: string[]; reference: string };

export type LanguageCoverage = {
  locale: string;
  present: number;
  nonEmpty: number;
  /** Messages whose text is not the reference language's: a rough "translated" count (0 for the reference). */
  differ: number;
};

export type CatalogueCoverage = { keys: number; languages: LanguageCoverage[] };

/** Every key of any language, so that a key only one language has still counts as missing elsewhere. */
function allKeys(catalogues: FlatCatalogues): string[] {
  return [...new Set(Object.values(catalogues).flatMap((messages) => [...messages.keys()]))].sort();
}

function parsedPlaceholders(text: string): { placeholders: string[] } | { error: string } {
  try {
    return { placeholders: placeholdersOf(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What is wrong with a set of translations: keys one language lacks, empty messages, ICU that
 * does not parse, and messages whose arguments, select options or rich tags differ from the
 * reference language's (the first one), since code passes the same values to every language.
 */
export function catalogueProblems(catalogues: FlatCatalogues): CatalogueProblem[] {
  const [reference, ...others] = Object.keys(catalogues);
  if (reference === undefined) return [];
  const problems: CatalogueProblem[] = [];
  for (const key of allKeys(catalogues)) {
    const parsed = new Map<string, ReturnType<typeof parsedPlaceholders>>();
    for (const [locale, messages] of Object.entries(catalogues)) {
      const text = messages.get(key);
      if (text === undefined) problems.push({ kind: 'missing', key, locale });
      else if (text.trim() === '') problems.push({ kind: 'empty', key, locale });
      else {
        const result = parsedPlaceholders(text);
        parsed.set(locale, result);
        if ('error' in result) problems.push({ kind: 'syntax', key, locale, error: result.error });
      }
    }
    const expected = parsed.get(reference);
    if (!expected || 'error' in expected) continue;
    for (const locale of others) {
      const found = parsed.get(locale);
      if (found && 'placeholders' in found && found.placeholders.join() !== expected.placeholders.join()) {
        problems.push({
          kind: 'placeholders',
          key,
          locale,
          expected: expected.placeholders,
          found: found.placeholders,
          reference,
        });
      }
    }
  }
  return problems;
}

export function describeCatalogueProblem(problem: CatalogueProblem): string {
  const where = `${problem.locale} ${problem.key}`;
  switch (problem.kind) {
    case 'missing':
      return `${where}: missing`;
    case 'empty':
      return `${where}: empty`;
    case 'syntax':
      return `${where}: ICU syntax does not parse (${problem.error})`;
    case 'placeholders':
      return `${where}: expects {${problem.found.join(', ')}} but ${problem.reference} expects {${problem.expected.join(', ')}}`;
  }
}

export function catalogueCoverage(catalogues: FlatCatalogues): CatalogueCoverage {
  const keys = allKeys(catalogues);
  const reference = Object.values(catalogues)[0];
  const languages = Object.entries(catalogues).map(([locale, messages]) => {
    const present = keys.filter((key) => messages.has(key));
    const nonEmpty = present.filter((key) => messages.get(key)!.trim() !== '');
    return {
      locale,
      present: present.length,
      nonEmpty: nonEmpty.length,
      differ: nonEmpty.filter((key) => messages.get(key) !== reference?.get(key)).length,
    };
  });
  return { keys: keys.length, languages };
}

/** A share as a whole percentage that reads 100 only when nothing is missing. */
export function percent(part: number, whole: number): number {
  if (whole === 0 || part >= whole) return 100;
  return Math.min(99, Math.round((part / whole) * 100));
}
