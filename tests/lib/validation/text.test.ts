import { describe, expect, it } from 'vitest';
import { checkDisplayName } from '@/lib/validation/display-name';
import { normaliseEmail } from '@/lib/validation/email';

describe('email addresses', () => {
  it('are stored lower-case and trimmed', () => {
    expect(normaliseEmail('  Camille.Dubois+work@Example.FR ')).toBe('camille.dubois+work@example.fr');
    expect(normaliseEmail('o\'brien@example.co.uk')).toBe("o'brien@example.co.uk");
    expect(normaliseEmail('zoé@exemple-école.fr')).toBeNull();
    expect(normaliseEmail('zoe@école.fr')).toBe('zoe@école.fr');
  });

  it('refuse markup, control characters and text-direction overrides', () => {
    for (const email of [
      '<script>alert(1)</script>@example.com',
      'a\u0000b@example.com',
      'tab\there@example.com',
      'line\nbreak@example.com',
      'admin@exa\u202Emple.com',
      'admin\u2066@example.com',
      'two@@example.com',
      'no-domain@',
      '@example.com',
      'dot.@example.com',
      'a@-example.com',
      'a@example.c',
      `${'a'.repeat(65)}@example.com`,
    ]) {
      expect(normaliseEmail(email), JSON.stringify(email)).toBeNull();
    }
  });
});

describe('display names', () => {
  it('keep what people are called, tidied', () => {
    expect(checkDisplayName('  Zoë   O’Brien-Ñúñez ')).toEqual({ ok: true, name: 'Zoë O’Brien-Ñúñez' });
    expect(checkDisplayName('王小明')).toEqual({ ok: true, name: '王小明' });
    // Joiners are part of how some scripts and emoji are written.
    expect(checkDisplayName('می\u200Cخواهم').ok).toBe(true);
  });

  it('refuse control characters and text-direction overrides, and say which problem it is', () => {
    expect(checkDisplayName('Ada \u202Enimda')).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('Ada\u0000')).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('\u001b[31mred')).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('x'.repeat(201))).toEqual({ ok: false, problem: 'tooLong' });
  });
});
