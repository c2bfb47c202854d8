import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PhoneRegionSelect } from '@/components/phone-region-select';
import { regionOptionsHtml } from '@/lib/phone/region-options-html';

const options = { label: 'Pays', optionsHtml: regionOptionsHtml('fr'), selected: 'FR' };
const render = (value?: string) => renderToStaticMarkup(createElement(PhoneRegionSelect, { options, value }));
const chosen = (html: string) => [...html.matchAll(/<option value="([A-Z]{2})" selected="">/g)].map(([, code]) => code);

describe('the phone country selector', () => {
  it('selects the country sent back after a failed attempt, else the page’s default', () => {
    expect(chosen(render('BE'))).toEqual(['BE']);
    expect(chosen(render())).toEqual(['FR']);
  });

  it('falls back to the default for anything that is not one of its countries, and writes none of it', () => {
    for (const value of ['be', 'ZZ', 'FRA', '', '"><script>alert(1)</script>', 'BE"><img src=x onerror=alert(1)>', '<option value="BE">']) {
      const html = render(value);
      expect(chosen(html)).toEqual(['FR']);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html.match(/<option /g)).toHaveLength(options.optionsHtml.match(/<option /g)!.length);
    }
  });
});
