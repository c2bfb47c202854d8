import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export type Catalogue = { [key: string]: string | Catalogue };

/** Flattens nested messages into dotted keys: { Login: { title } } → "Login.title". */
export function flattenCatalogue(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') flat.set(prefix + key, value);
    else for (const [inner, text] of flattenCatalogue(value, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

/**
 * The arguments a message expects, with their kind ("name:argument", "count:plural",
 * "link:tag", "role:select(admin|other)"), sorted. Two translations of one message must expect
 * the same ones. A select's options are part of it because code chooses among them, whereas
 * plural categories differ by language (French has "many", English does not).
 * Throws when the ICU syntax does not parse.
 */
export function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`${element.value}:argument`);
          break;
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(`${element.value}:${TYPE[element.type]}`);
          break;
        case TYPE.plural:
          found.add(`${element.value}:plural`);
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.select:
          found.add(`${element.value}:select(${Object.keys(element.options).sort().join('|')})`);
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.tag:
          found.add(`${element.value}:tag`);
          visit(element.children);
          break;
        default:
          break;
      }
    }
  };
  visit(parse(message, { ignoreTag: false }));
  return [...found].sort();
}
