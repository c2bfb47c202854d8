import { describe, expect, it } from 'vitest';
import { preferredLanguages, resolvePhoneRegion, type RegionClues } from '@/lib/phone/default-region';

const clues = (overrides: Partial<RegionClues>): RegionClues => ({ locale: 'en', siteDefault: 'US', ...overrides });

describe('the phone country preselected before the person chooses', () => {
  it('is the one this browser chose last time, whatever its languages say', () => {
    expect(resolvePhoneRegion(clues({ remembered: 'BE', acceptLanguage: 'fr-CA,fr;q=0.9', locale: 'fr' }))).toBe('BE');
  });

  it('ignores a remembered value that names no country it can read numbers in', () => {
    expect(resolvePhoneRegion(clues({ remembered: 'ZZ', acceptLanguage: 'en-GB' }))).toBe('GB');
    expect(resolvePhoneRegion(clues({ remembered: '<script>', locale: 'fr' }))).toBe('FR');
  });

  it('takes the region the browser gives for the page’s language: fr-CA on a French page is Canada', () => {
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'fr-CA,fr;q=0.9,en-US;q=0.8,en;q=0.7', locale: 'fr' }))).toBe('CA');
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'en-GB,en;q=0.9', locale: 'en' }))).toBe('GB');
    // The page's language wins over an earlier language of another region.
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'de-CH,en-IE;q=0.8', locale: 'en' }))).toBe('IE');
  });

  it('otherwise takes the first region the browser gives, in order of preference', () => {
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'fr-CA,fr;q=0.9', locale: 'en' }))).toBe('CA');
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'de;q=0.9,it-CH;q=0.5,es-MX;q=0.7', locale: 'fr' }))).toBe('MX');
  });

  it('reads tags with a script, and skips regions that are not countries (es-419) and refused ones (q=0)', () => {
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'zh-Hant-TW' }))).toBe('TW');
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'es-419,en-AU;q=0.5' }))).toBe('AU');
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'en-NZ;q=0,fr-BE;q=0.3' }))).toBe('BE');
  });

  it('falls back on the page’s language: France for French, the site’s default for English', () => {
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'fr', locale: 'fr' }))).toBe('FR');
    expect(resolvePhoneRegion(clues({ acceptLanguage: null, locale: 'en', siteDefault: 'US' }))).toBe('US');
    expect(resolvePhoneRegion(clues({ acceptLanguage: 'en', locale: 'en', siteDefault: 'CA' }))).toBe('CA');
  });

  it('survives headers nobody sends on purpose', () => {
    for (const header of ['', '*', ';;;,,,', 'not a tag!!', 'x'.repeat(5000), 'en-US;q=abc', 'en-GB;q=2']) {
      expect(resolvePhoneRegion(clues({ acceptLanguage: header, locale: 'fr' }))).toMatch(/^[A-Z]{2}$/);
    }
    expect(resolvePhoneRegion(clues({ siteDefault: 'XX' }))).toBe('US');
  });
});

describe('preferredLanguages', () => {
  it('orders by quality, keeping the header’s order between equals', () => {
    expect(preferredLanguages('en;q=0.5, fr-CA, de;q=0.8, it')).toEqual(['fr-CA', 'it', 'de', 'en']);
  });
});
