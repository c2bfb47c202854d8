import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOfFlag } from '@/lib/phone/flag';
import { REGION_OPTIONS } from '@/lib/phone/region-options';
import { REGION_OPTIONS_FILE, regionOptionsSource } from '@/lib/phone/region-options-source';
import { phoneRegions, toPhoneRegion } from '@/lib/phone/regions';

const texts = (html: string) => html.split('<option>').slice(1);

describe('the phone countries of the browser bundle', () => {
  it('are what `npm run phone:options` writes today (run it after upgrading libphonenumber-js or Node)', () => {
    expect(readFileSync(path.resolve(import.meta.dirname, '../../..', REGION_OPTIONS_FILE), 'utf8')).toBe(regionOptionsSource());
  });

  it('have one option per selectable country, in the language’s order, none selected', () => {
    for (const locale of ['en', 'fr'] as const) {
      expect(texts(REGION_OPTIONS[locale]).map(codeOfFlag)).toEqual(phoneRegions(locale).map((region) => region.code));
      expect(REGION_OPTIONS[locale]).not.toContain('selected');
    }
    expect(REGION_OPTIONS.fr).toContain('<option>🇫🇷 France +33<option>');
  });

  it('escape what the names hold, so each stays text', () => {
    expect(REGION_OPTIONS.en).toContain('<option>🇹🇹 Trinidad &#38; Tobago +1<option>');
    for (const text of texts(REGION_OPTIONS.en)) expect(text).toMatch(/^[^<>"]+$/);
  });

  it('post a text the server reads back as the country', () => {
    for (const locale of ['en', 'fr'] as const) {
      for (const [index, text] of texts(REGION_OPTIONS[locale]).entries()) {
        const posted = text.replaceAll('&#38;', '&');
        expect(toPhoneRegion(posted)).toBe(phoneRegions(locale)[index]!.code);
      }
    }
  });
});
