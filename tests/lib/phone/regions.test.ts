import { describe, expect, it } from 'vitest';
import { phoneRegions, regionOfPhone, toPhoneRegion } from '@/lib/phone/regions';

describe('the selectable phone countries', () => {
  it('offers every country with a numbering plan, with its flag and calling code, named in the page’s language', () => {
    const french = phoneRegions('fr');
    expect(french.length).toBeGreaterThan(200);
    expect(french.find((region) => region.code === 'FR')).toEqual({ code: 'FR', callingCode: '33', flag: '🇫🇷', name: 'France' });
    expect(french.find((region) => region.code === 'DE')?.name).toBe('Allemagne');
    expect(phoneRegions('en').find((region) => region.code === 'DE')?.name).toBe('Germany');
    expect(french.find((region) => region.code === 'CA')).toMatchObject({ callingCode: '1', flag: '🇨🇦' });
  });

  it('sorts them as the language sorts, accents included', () => {
    const names = phoneRegions('fr').map((region) => region.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    // É sorts with E in French, not after Z as code points would put it.
    expect(names.indexOf('Égypte')).toBeLessThan(names.indexOf('Espagne'));
  });

  it('builds each language’s list once', () => {
    expect(phoneRegions('en')).toBe(phoneRegions('en'));
  });
});

describe('toPhoneRegion', () => {
  it('accepts a supported country code, in either case', () => {
    expect(toPhoneRegion('CA')).toBe('CA');
    expect(toPhoneRegion(' fr ')).toBe('FR');
  });

  it('reads the country of an option as a browser posts it, from its flag', () => {
    expect(toPhoneRegion('🇧🇪 Belgique +32')).toBe('BE');
    expect(toPhoneRegion('🇨🇦 Canada +1')).toBe('CA');
    expect(toPhoneRegion('🇿🇿 Nowhere +0')).toBeNull();
  });

  it('refuses anything else', () => {
    for (const value of ['', 'ZZ', 'FRA', '33', '+33', 'F', null, undefined, 42, ['FR']]) expect(toPhoneRegion(value)).toBeNull();
  });
});

describe('regionOfPhone', () => {
  it('finds a stored number’s country, even inside a shared calling code', () => {
    expect(regionOfPhone('+33612345678')).toBe('FR');
    expect(regionOfPhone('+15145550199')).toBe('CA');
    expect(regionOfPhone('+14155550142')).toBe('US');
  });

  it('gives nothing without a number or for one with no single country', () => {
    expect(regionOfPhone(null)).toBeNull();
    expect(regionOfPhone('')).toBeNull();
    expect(regionOfPhone('+80012345678')).toBeNull();
  });
});
