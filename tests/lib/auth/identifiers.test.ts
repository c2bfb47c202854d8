import { describe, expect, it } from 'vitest';
import { parseIdentifier } from '@/lib/auth/identifiers';

describe('parseIdentifier', () => {
  it('reads an email address case-insensitively, with surrounding spaces removed', () => {
    expect(parseIdentifier('  Camille.Dubois@Example.COM ', 'US')).toEqual({
      kind: 'email',
      value: 'camille.dubois@example.com',
    });
  });

  it('normalises full-width characters typed on an East Asian keyboard (NFKC)', () => {
    expect(parseIdentifier('ｃａｍｉｌｌｅ', 'US')).toEqual({ kind: 'username', value: 'camille' });
  });

  it('reads international phone numbers in any common notation as E.164', () => {
    for (const typed of ['+33 6 12 34 56 78', '+33612345678', '+33 (0)6-12-34-56-78']) {
      expect(parseIdentifier(typed, 'US')).toEqual({ kind: 'phone', value: '+33612345678' });
    }
  });

  it('reads national phone numbers in the country chosen beside the field', () => {
    expect(parseIdentifier('06 12 34 56 78', 'FR')).toEqual({ kind: 'phone', value: '+33612345678' });
    expect(parseIdentifier('514 555 0199', 'CA')).toEqual({ kind: 'phone', value: '+15145550199' });
    expect(parseIdentifier('(415) 555-0142', 'US')).toEqual({ kind: 'phone', value: '+14155550142' });
    expect(parseIdentifier('0470 12 34 56', 'BE')).toEqual({ kind: 'phone', value: '+32470123456' });
  });

  it('reads the same digits differently, or not at all, in another country', () => {
    // A French mobile typed in Canada is no number, and not a username either (it has spaces).
    expect(parseIdentifier('06 12 34 56 78', 'CA')).toBeNull();
    expect(parseIdentifier('0612345678', 'BE')).not.toEqual({ kind: 'phone', value: '+33612345678' });
    // A number with its country code ignores the chosen country.
    expect(parseIdentifier('+1 514 555 0199', 'FR')).toEqual({ kind: 'phone', value: '+15145550199' });
  });

  it('treats other text as a username, lower-cased', () => {
    expect(parseIdentifier('Morgan', 'US')).toEqual({ kind: 'username', value: 'morgan' });
  });

  it('refuses what cannot be any identifier', () => {
    expect(parseIdentifier('', 'US')).toBeNull();
    expect(parseIdentifier('   ', 'US')).toBeNull();
    expect(parseIdentifier('not an@email', 'US')).toBeNull();
    expect(parseIdentifier('two words', 'US')).toBeNull();
    expect(parseIdentifier('x'.repeat(300), 'US')).toBeNull();
    expect(parseIdentifier('camille\u0000', 'US')).toBeNull();
    expect(parseIdentifier('camille@example.com\u202E', 'US')).toBeNull();
  });
});
