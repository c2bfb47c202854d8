import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PhoneRegionSelect } from '@/components/phone-region-select';
import { codeOfFlag } from '@/lib/phone/flag';

const options = { label: 'Pays', locale: 'fr' as const, selected: 'FR' };
const render = (value?: string) => renderToStaticMarkup(createElement(PhoneRegionSelect, { options, value }));
const chosen = (html: string) => [...html.matchAll(/<option selected>([^<]*)/g)].map(([, text]) => codeOfFlag(text!));

describe('the phone country selector', () => {
  it('selects the country sent back after a failed attempt, as a code or as the posted option, else the page’s default', () => {
    expect(chosen(render('BE'))).toEqual(['BE']);
    expect(chosen(render('🇧🇪 Belgique +32'))).toEqual(['BE']);
    expect(chosen(render())).toEqual(['FR']);
  });

  it('names its options in the page’s language', () => {
    expect(render()).toContain('<option selected>🇫🇷 France +33<option>');
    expect(renderToStaticMarkup(createElement(PhoneRegionSelect, { options: { ...options, locale: 'en' } }))).toContain('<option>🇩🇪 Germany +49<option>');
  });

  it('falls back to the default for anything that is not one of its countries, and writes none of it', () => {
    for (const value of ['be', 'ZZ', 'FRA', '', '🇿🇿 Nowhere', '"><script>alert(1)</script>', 'BE"><img src=x onerror=alert(1)>', '<option value="BE">']) {
      const html = render(value);
      expect(chosen(html)).toEqual(['FR']);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html.match(/<option/g)).toHaveLength(render().match(/<option/g)!.length);
    }
  });
});
