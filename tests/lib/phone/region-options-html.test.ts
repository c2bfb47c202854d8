import { describe, expect, it } from 'vitest';
import { regionOptionsHtml } from '@/lib/phone/region-options-html';
import { phoneRegions } from '@/lib/phone/regions';

describe('the phone countries as option markup', () => {
  it('has one option per selectable country, in the language’s order, none selected', () => {
    const html = regionOptionsHtml('fr');
    const codes = [...html.matchAll(/<option value="([A-Z]{2})">/g)].map(([, code]) => code);
    expect(codes).toEqual(phoneRegions('fr').map((region) => region.code));
    expect(html).toContain('<option value="FR">🇫🇷 France +33</option>');
    expect(html).not.toContain('selected');
  });

  it('escapes what the names hold, so each stays text', () => {
    const html = regionOptionsHtml('en');
    expect(html).toContain('<option value="TT">🇹🇹 Trinidad &#38; Tobago +1</option>');
    expect(html.replace(/<option value="[A-Z]{2}">[^<>"]*<\/option>/g, '')).toBe('');
  });
});
