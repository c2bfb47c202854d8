/** What a page gives its phone country selector: the words, the countries, the preselected one. */
export interface PhoneRegionOptions {
  label: string;
  /** Each country as shown: "🇫🇷 France +33". */
  regions: ReadonlyArray<{ code: string; label: string }>;
  selected: string;
}

/**
 * The country a phone number typed without its country code is read in ("06 12 34 56 78" in
 * France), as Ooma's sign-in page has it: a plain select, so it works without JavaScript.
 * `value` is what the person chose before a failed attempt, which wins over the default.
 */
export function PhoneRegionSelect({ options, value, id = 'phoneRegion' }: { options: PhoneRegionOptions; value?: string; id?: string }) {
  const known = (code: string | undefined) => !!code && options.regions.some((region) => region.code === code);
  return (
    <>
      <label htmlFor={id}>{options.label}</label>
      <select id={id} name="phoneRegion" defaultValue={known(value) ? value : options.selected}>
        {options.regions.map((region) => (
          <option key={region.code} value={region.code}>
            {region.label}
          </option>
        ))}
      </select>
    </>
  );
}
