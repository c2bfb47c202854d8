import { describe, expect, it } from 'vitest';
import { checkTranslation } from '@/lib/translations/check';

describe('checking a translation before it is saved', () => {
  it('accepts the shipped French of a message with a placeholder', () => {
    expect(checkTranslation('fr', 'Emails.passwordReset.subject', 'Réinitialisez votre mot de passe {siteName}')).toEqual([]);
  });

  it('refuses a key the catalogue does not have', () => {
    expect(checkTranslation('fr', 'Login.noSuchMessage', 'Bonjour')).toEqual([{ code: 'unknownKey' }]);
    expect(checkTranslation('fr', 'Login', 'Bonjour')).toEqual([{ code: 'unknownKey' }]);
  });

  it('refuses ICU that does not parse', () => {
    expect(checkTranslation('fr', 'Emails.passwordReset.subject', 'Réinitialisez {siteName')).toEqual([{ code: 'syntax' }]);
  });

  it('names a placeholder the other language has and this one dropped', () => {
    expect(checkTranslation('fr', 'Emails.passwordReset.subject', 'Réinitialisez votre mot de passe')).toEqual([{ code: 'missing', names: ['{siteName}'] }]);
  });

  it('refuses markup the other language does not have, including a script tag', () => {
    expect(checkTranslation('fr', 'Emails.passwordReset.heading', 'Réinitialisez <b>votre</b> mot de passe')).toEqual([{ code: 'extra', names: ['<b>'] }]);
    expect(checkTranslation('fr', 'Emails.passwordReset.heading', '<script>alert(1)</script>')).toEqual([{ code: 'extra', names: ['<script>'] }]);
  });

  it('wants the plural branches of the other language that this language uses', () => {
    const key = 'Sessions.revokedOthers';
    expect(checkTranslation('fr', key, '{count, plural, =0 {Aucune} one {# session} other {# sessions}}', '{count, plural, =0 {None} one {# session} other {# sessions}}')).toEqual([]);
    expect(checkTranslation('fr', key, '{count, plural, one {# session} other {# sessions}}', '{count, plural, =0 {None} one {# session} other {# sessions}}')).toEqual([
      { code: 'branches', names: ['count → =0'] },
    ]);
    expect(checkTranslation('fr', key, '{count, plural, one {# session}}', '{count, plural, one {# session} other {# sessions}}')).toEqual([{ code: 'syntax' }]);
    // French has a "many" category English lacks: English need not have it.
    expect(checkTranslation('en', key, '{count, plural, one {# session} other {# sessions}}', '{count, plural, one {# session} many {# de sessions} other {# sessions}}')).toEqual([]);
  });

  it('refuses an empty or an overlong text', () => {
    expect(checkTranslation('fr', 'Login.title', '   ')).toEqual([{ code: 'empty' }]);
    expect(checkTranslation('fr', 'Login.title', 'x'.repeat(5001))).toEqual([{ code: 'tooLong', max: 5000 }]);
  });

  it('refuses control characters, text-direction controls and the mark of a broken encoding', () => {
    // PostgreSQL cannot store a NUL in text; the others would hide or reorder a page's words.
    for (const value of ['Se con\u0000necter', 'Se connecter\n', 'Se \u202Erettecnoc', 'Se connect\uFFFDr']) {
      expect(checkTranslation('fr', 'Login.title', value), JSON.stringify(value)).toEqual([{ code: 'unsafeCharacters' }]);
    }
  });

  it('lets text that merely looks like markup through when it is quoted, as text', () => {
    expect(checkTranslation('fr', 'Emails.passwordReset.heading', "Réinitialisez '<script>'alert(1)'</script>'")).toEqual([]);
  });
});
