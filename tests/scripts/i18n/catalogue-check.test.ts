import { describe, expect, it } from 'vitest';
import { flattenCatalogue, type Catalogue } from '@/lib/i18n/catalogue';
import { catalogueCoverage, catalogueProblems, describeCatalogueProblem, percent } from '@/scripts/i18n/catalogue-check';

const flat = (catalogue: Catalogue) => flattenCatalogue(catalogue);

describe('catalogueProblems', () => {
  it('finds nothing wrong with matching translations', () => {
    expect(
      catalogueProblems({
        en: flat({ Login: { title: 'Sign in', hello: 'Hello {name}', link: 'Read <b>this</b>' } }),
        fr: flat({ Login: { title: 'Connexion', hello: 'Bonjour {name}', link: 'Lisez <b>ceci</b>' } }),
      }),
    ).toEqual([]);
  });

  it('reports a key one language lacks, in either direction', () => {
    const problems = catalogueProblems({
      en: flat({ Login: { title: 'Sign in', help: 'Help' } }),
      fr: flat({ Login: { title: 'Connexion' }, Extra: { only: 'Seulement ici' } }),
    });
    expect(problems).toEqual([
      { kind: 'missing', key: 'Extra.only', locale: 'en' },
      { kind: 'missing', key: 'Login.help', locale: 'fr' },
    ]);
    expect(problems.map(describeCatalogueProblem)).toEqual(['en Extra.only: missing', 'fr Login.help: missing']);
  });

  it('reports a renamed placeholder, a missing tag and a different select', () => {
    const problems = catalogueProblems({
      en: flat({ a: 'After {time}', b: 'Read <b>this</b>', c: '{role, select, admin {Admin} other {User}}' }),
      fr: flat({ a: 'Après {heure}', b: 'Lisez ceci', c: '{role, select, manager {Responsable} other {Personne}}' }),
    });
    expect(problems.map(({ kind, key, locale }) => `${kind} ${locale} ${key}`)).toEqual([
      'placeholders fr a',
      'placeholders fr b',
      'placeholders fr c',
    ]);
    expect(describeCatalogueProblem(problems[0]!)).toBe('fr a: expects {heure:argument} but en expects {time:argument}');
  });

  it('accepts plural categories that differ by language', () => {
    expect(
      catalogueProblems({
        en: flat({ n: '{count, plural, one {# try} other {# tries}}' }),
        fr: flat({ n: '{count, plural, one {# essai} many {# essais} other {# essais}}' }),
      }),
    ).toEqual([]);
  });

  it('reports ICU that does not parse, without also calling it a mismatch', () => {
    const problems = catalogueProblems({ en: flat({ a: 'Hello {name}' }), fr: flat({ a: 'Bonjour {name' }) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'syntax', key: 'a', locale: 'fr' });
  });

  it('reports empty and blank messages', () => {
    expect(catalogueProblems({ en: flat({ a: '', b: 'B' }), fr: flat({ a: 'A', b: '  ' }) })).toEqual([
      { kind: 'empty', key: 'a', locale: 'en' },
      { kind: 'empty', key: 'b', locale: 'fr' },
    ]);
  });
});

describe('catalogueCoverage', () => {
  it('counts present, non-empty and translated messages against every key of any language', () => {
    expect(
      catalogueCoverage({
        en: flat({ a: 'Sign in', b: 'Email', c: 'Help' }),
        fr: flat({ a: 'Connexion', b: 'Email', d: '' }),
      }),
    ).toEqual({
      keys: 4,
      languages: [
        { locale: 'en', present: 3, nonEmpty: 3, differ: 0 },
        { locale: 'fr', present: 3, nonEmpty: 2, differ: 1 },
      ],
    });
  });
});

describe('percent', () => {
  it('reads 100 only when complete', () => {
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(100);
  });
});
