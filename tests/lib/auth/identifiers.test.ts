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

  it('reads national phone numbers in the configured region', () => {
    expect(parseIdentifier('06 12 34 56 78', 'FR')).toEqual({ kind: 'phone', value: '+33612345678' });
    expect(parseIdentifier('(415) 555-0142', 'US')).toEqual({ kind: 'phone', value: '+14155550142' });
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
