import { codeOfFlag, flagOf } from '@/lib/phone/flag';
import { REGION_OPTIONS } from '@/lib/phone/region-options';

type OptionsLocale = keyof typeof REGION_OPTIONS;

/** What a page gives its phone country selector: the words, the language, the preselected country. */
export interface PhoneRegionOptions {
  label: string;
  locale: OptionsLocale;
  selected: string;
}

/** A country code from a code ("BE") or from an option's text as posted ("🇧🇪 Belgique +32"). */
function codeOf(value: string | undefined): string | null {
  if (!value) return null;
  const code = codeOfFlag(value) ?? value;
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/** The options with `value`'s country selected, or nothing if it is not one of them. */
function selecting(optionsHtml: string, value: string | undefined): string | undefined {
  // Only a country code reaches the markup, as a flag: anything else cannot be one of the options.
  const code = codeOf(value);
  const option = code && `<option>${flagOf(code)} `;
  if (!option || !optionsHtml.includes(option)) return undefined;
  return optionsHtml.replace(option, `<option selected>${flagOf(code)} `);
}

/**
 * The country a phone number typed without its country code is read in ("06 12 34 56 78" in
 * France), as Ooma's sign-in page has it: a plain select, so it works without JavaScript.
 * `value` is what the person chose before a failed attempt, which wins over the default. The
 * options come from the browser bundle (lib/phone/region-options.ts), not from the page's data,
 * which would send the 245 of them a second time; they are markup, marked selected here.
 */
export function PhoneRegionSelect({ options, value, id = 'phoneRegion' }: { options: PhoneRegionOptions; value?: string; id?: string }) {
  const all = REGION_OPTIONS[options.locale] ?? REGION_OPTIONS.en;
  const html = selecting(all, value) ?? selecting(all, options.selected) ?? all;
  return (
    <>
      <label htmlFor={id}>{options.label}</label>
      <select id={id} name="phoneRegion" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
