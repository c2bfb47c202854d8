import { describe, expect, it } from 'vitest';
import { flattenCatalogue, placeholdersOf, type Catalogue } from '@/lib/i18n/catalogue';
import { frenchSpacing } from '@/lib/i18n/typography';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

const english = flattenCatalogue(en as Catalogue);
const french = flattenCatalogue(fr as Catalogue);

describe('message catalogue', () => {
  it('has exactly the same keys in English and French', () => {
    const missingInFrench = [...english.keys()].filter((key) => !french.has(key));
    const missingInEnglish = [...french.keys()].filter((key) => !english.has(key));
    expect({ missingInFrench, missingInEnglish }).toEqual({ missingInFrench: [], missingInEnglish: [] });
  });

  it('has no empty message in either language', () => {
    const empty = [...english, ...french].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('gives every French message the same ICU placeholders as its English one', () => {
    const mismatched = [...english]
      .filter(([key]) => french.has(key))
      .filter(([key, text]) => placeholdersOf(text).join() !== placeholdersOf(french.get(key)!).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});

describe('French typography', () => {
  it('puts no-break spaces before ; ! ? : and inside « » in every shipped French message', () => {
    const plainSpaced = [...french].filter(([, text]) => frenchSpacing(text) !== text).map(([key]) => key);
    expect(plainSpaced).toEqual([]);
  });

  it('changes only the spaces people typed, not times or text without them', () => {
    expect(frenchSpacing('Mot de passe oublié ? Réessayez à 14:30 : « ici » ; merci !')).toBe(
      'Mot de passe oublié\u202F? Réessayez à 14:30\u00A0: «\u202Fici\u202F»\u202F; merci\u202F!',
    );
    expect(frenchSpacing('Déjà bien\u202F?')).toBe('Déjà bien\u202F?');
  });
});

describe('placeholdersOf', () => {
  it('finds arguments, plurals and tags, including those nested in plural branches', () => {
    expect(placeholdersOf('{count, plural, one {# item for {name}} other {<b>#</b> items}}')).toEqual([
      'b:tag',
      'count:plural',
      'name:argument',
    ]);
  });

  it('tells a renamed placeholder apart', () => {
    expect(placeholdersOf('After {time}')).not.toEqual(placeholdersOf('Après {heure}'));
  });

  it('throws on broken ICU syntax', () => {
    expect(() => placeholdersOf('Hello {name')).toThrow();
  });
});
