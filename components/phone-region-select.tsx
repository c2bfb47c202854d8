/** What a page gives its phone country selector: the words, the countries, the preselected one. */
export interface PhoneRegionOptions {
  label: string;
  /** Every country as `<option>` markup, none selected (lib/phone/region-options-html.ts). */
  optionsHtml: string;
  selected: string;
}

const optionTag = (code: string) => `<option value="${code}">`;

/** The options with `code` selected, or nothing if `code` is not one of them. */
function selecting(optionsHtml: string, code: string | undefined): string | undefined {
  // Only a country code reaches the markup: anything else cannot be one of the options.
  if (!code || !/^[A-Z]{2}$/.test(code) || !optionsHtml.includes(optionTag(code))) return undefined;
  return optionsHtml.replace(optionTag(code), `<option value="${code}" selected="">`);
}

/**
 * The country a phone number typed without its country code is read in ("06 12 34 56 78" in
 * France), as Ooma's sign-in page has it: a plain select, so it works without JavaScript.
 * `value` is what the person chose before a failed attempt, which wins over the default. The
 * options arrive as markup, marked selected here rather than by React's `defaultValue`, which
 * needs them as elements.
 */
export function PhoneRegionSelect({ options, value, id = 'phoneRegion' }: { options: PhoneRegionOptions; value?: string; id?: string }) {
  const html = selecting(options.optionsHtml, value) ?? selecting(options.optionsHtml, options.selected) ?? options.optionsHtml;
  return (
    <>
      <label htmlFor={id}>{options.label}</label>
      <select id={id} name="phoneRegion" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
