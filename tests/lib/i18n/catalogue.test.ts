import { describe, expect, it } from 'vitest';
import { flattenCatalogue, placeholdersOf, type Catalogue } from '@/lib/i18n/catalogue';
import { catalogueProblems, type CatalogueProblem } from '@/scripts/i18n/catalogue-check';
import { frenchSpacing } from '@/lib/i18n/typography';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

const english = flattenCatalogue(en as Catalogue);
const french = flattenCatalogue(fr as Catalogue);

describe('message catalogue', () => {
  const problems = catalogueProblems({ en: english, fr: french });
  const keysWith = (kind: CatalogueProblem['kind']) =>
    problems.filter((problem) => problem.kind === kind).map(({ locale, key }) => `${locale} ${key}`);

  it('has exactly the same keys in English and French', () => {
    expect(keysWith('missing')).toEqual([]);
  });

  it('has no empty message in either language', () => {
    expect(keysWith('empty')).toEqual([]);
  });

  it('parses every message as ICU in both languages', () => {
    expect(keysWith('syntax')).toEqual([]);
  });

  it('gives every French message the same ICU placeholders as its English one', () => {
    expect(keysWith('placeholders')).toEqual([]);
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

  it('counts the options of a select, which code chooses among, but not plural categories', () => {
    expect(placeholdersOf('{role, select, admin {Admin} other {Someone}}')).toEqual(['role:select(admin|other)']);
    expect(placeholdersOf('{n, plural, one {#} other {#}}')).toEqual(placeholdersOf('{n, plural, one {#} many {#} other {#}}'));
  });

  it('tells a renamed placeholder apart', () => {
    expect(placeholdersOf('After {time}')).not.toEqual(placeholdersOf('Après {heure}'));
  });

  it('throws on broken ICU syntax', () => {
    expect(() => placeholdersOf('Hello {name')).toThrow();
  });
});
