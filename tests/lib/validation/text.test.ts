import { describe, expect, it } from 'vitest';
import { checkDisplayName } from '@/lib/validation/display-name';
import { normaliseEmail } from '@/lib/validation/email';

describe('email addresses', () => {
  it('are stored lower-case and trimmed, whatever providers hand out', () => {
    expect(normaliseEmail('  Camille.Dubois+work@Example.FR ')).toBe('camille.dubois+work@example.fr');
    expect(normaliseEmail("o'brien@example.co.uk")).toBe("o'brien@example.co.uk");
    // Internationalised addresses, and oddities the earlier check accepted: nobody is locked out.
    for (const email of ['jean-françois@example.fr', 'zoé@exemple-école.fr', 'first..last@example.com', 'a@my_host.example.com']) {
      expect(normaliseEmail(email), email).toBe(email);
    }
  });

  it('refuse markup, control characters and text-direction controls', () => {
    for (const email of [
      '<script>alert(1)</script>@example.com',
      '<script>…</script>@example.com',
      'a\u0000b@example.com',
      'tab\there@example.com',
      'line\nbreak@example.com',
      'admin@exa\u202Emple.com',
      'admin\u2066@example.com',
      'admin\u200F@example.com',
      'bad\uFFFD@example.com',
      '"quoted"@example.com',
      'two@@example.com',
      'no-domain@',
      '@example.com',
      'no-dot@localhost',
      'a@example..com',
      `${'a'.repeat(65)}@example.com`,
    ]) {
      expect(normaliseEmail(email), JSON.stringify(email)).toBeNull();
    }
  });
});

describe('display names', () => {
  it('keep what people are called, tidied', () => {
    expect(checkDisplayName('  Zoë   O’Brien-Ñúñez ', 200)).toEqual({ ok: true, name: 'Zoë O’Brien-Ñúñez' });
    expect(checkDisplayName('王小明', 200)).toEqual({ ok: true, name: '王小明' });
    // Joiners are part of how some scripts and emoji are written.
    expect(checkDisplayName('می\u200Cخواهم', 200).ok).toBe(true);
  });

  it('refuse control characters and text-direction controls, and say which problem it is', () => {
    expect(checkDisplayName('Ada \u202Enimda', 200)).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('Ada\u200F', 200)).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('Ada\u0000', 200)).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('\u001b[31mred', 200)).toEqual({ ok: false, problem: 'unsafeCharacters' });
    // What a broken encoding leaves of the bytes it could not read.
    expect(checkDisplayName('Ada L\uFFFDvelace', 200)).toEqual({ ok: false, problem: 'unsafeCharacters' });
    expect(checkDisplayName('x'.repeat(201), 200)).toEqual({ ok: false, problem: 'tooLong' });
  });
});
