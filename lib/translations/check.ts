import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { placeholdersOf } from '@/lib/i18n/catalogue';
import { shippedMessages } from '@/lib/i18n/message-cache';
import type { AppLocale } from '@/lib/i18n/routing';
import { hasUnsafeCharacters } from '@/lib/validation/text';

/** Longer than any sentence of the product; a pasted document is a mistake, not a translation. */
export const MAX_TRANSLATION_LENGTH = 5000;

/**
 * What is wrong with a value, as codes the editor words in the person's language. `names` are
 * shown as typed in a message: `{name}`, `<link>`, `{count, plural}`.
 */
export type TranslationProblem =
  | { code: 'unknownKey' }
  | { code: 'empty' }
  | { code: 'tooLong'; max: number }
  | { code: 'unsafeCharacters' }
  | { code: 'syntax' }
  | { code: 'missing'; names: string[] }
  | { code: 'extra'; names: string[] }
  | { code: 'branches'; names: string[] }
  | { code: 'contactDetails'; names: string[] };

export const otherLocale = (locale: AppLocale): AppLocale => (locale === 'en' ? 'fr' : 'en');

/** The shipped text of a dotted key, if the catalogue has that message. */
export function shippedText(locale: AppLocale, key: string): string | undefined {
  let node: unknown = shippedMessages(locale);
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** "count:plural" → "{count, plural}", "link:tag" → "<link>", "name:argument" → "{name}". */
function shown(placeholder: string): string {
  const [name, kind] = placeholder.split(':');
  if (kind === 'tag') return `<${name}>`;
  if (kind === 'argument') return `{${name}}`;
  return `{${name}, ${kind}}`;
}

/** The branches of every plural and select, as "count:one", "count:=0", "choice:other". */
function branchesOf(message: string): Set<string> {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const [branch, option] of Object.entries(element.options)) {
          found.add(`${element.value}:${branch}`);
          visit(option.value);
        }
      } else if (element.type === TYPE.tag) visit(element.children);
    }
  };
  visit(parse(message, { ignoreTag: false }));
  return found;
}

/**
 * What is wrong with `value` as the `locale` text of `key`. Its placeholders, plural and select
 * branches and rich-text tags must be those of `otherText` (the other language's current text):
 * they are filled by code, so a translation can neither drop a link nor add markup. A plural
 * branch the language does not use (English has no "many") is not required of it.
 */
export function checkTranslation(locale: AppLocale, key: string, value: string, otherText = shippedText(otherLocale(locale), key)): TranslationProblem[] {
  if (shippedText(locale, key) === undefined || otherText === undefined) return [{ code: 'unknownKey' }];
  if (value.trim() === '') return [{ code: 'empty' }];
  if (value.length > MAX_TRANSLATION_LENGTH) return [{ code: 'tooLong', max: MAX_TRANSLATION_LENGTH }];
  // No shipped message has one: they would hide or reorder a page's words, and PostgreSQL
  // cannot store a NUL in text at all.
  if (hasUnsafeCharacters(value)) return [{ code: 'unsafeCharacters' }];
  let mine: string[];
  let branches: Set<string>;
  try {
    mine = placeholdersOf(value);
    branches = branchesOf(value);
  } catch {
    return [{ code: 'syntax' }];
  }
  const theirs = placeholdersOf(otherText);
  const problems: TranslationProblem[] = [];
  const missing = theirs.filter((placeholder) => !mine.includes(placeholder));
  const extra = mine.filter((placeholder) => !theirs.includes(placeholder));
  if (missing.length > 0) problems.push({ code: 'missing', names: missing.map(shown) });
  if (extra.length > 0) problems.push({ code: 'extra', names: extra.map(shown) });
  const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
  const pluralNames = new Set(theirs.filter((placeholder) => placeholder.endsWith(':plural')).map((placeholder) => placeholder.split(':')[0]));
  const lacking = [...branchesOf(otherText)].filter((branch) => {
    if (branches.has(branch)) return false;
    const [name, option] = branch.split(':');
    // Each language has its own plural categories; exact matches (=0) and select cases are shared.
    return !(pluralNames.has(name!) && !option!.startsWith('=') && !categories.has(option!));
  });
  if (lacking.length > 0 && missing.length === 0) problems.push({ code: 'branches', names: lacking.map((branch) => branch.replace(':', ' → ')) });
  return problems;
}
