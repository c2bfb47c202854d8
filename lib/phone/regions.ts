import { getCountries, getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { AppLocale } from '@/lib/i18n/routing';
import { codeOfFlag, flagOf } from './flag';

/** A country national phone numbers can be read in: one libphonenumber-js has a numbering plan for. */
export type PhoneRegion = CountryCode;

/** One choice of the phone country selector. */
export interface PhoneRegionChoice {
  code: PhoneRegion;
  /** Without the plus: "33". */
  callingCode: string;
  flag: string;
  /**
   * In the page's language, from Intl.DisplayNames (CLDR, shipped with Node) rather than the
   * catalogue: 245 country names per language are reference data, not the site's wording.
   */
  name: string;
}

/**
 * A posted or remembered value, if it names a supported country: a code ("fr" is read as FR),
 * or an option of the selector as browsers post it, its text ("🇫🇷 France +33").
 */
export function toPhoneRegion(value: unknown): PhoneRegion | null {
  if (typeof value !== 'string') return null;
  const code = codeOfFlag(value) ?? value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code) ? code : null;
}

/** The country whose flag and calling code to preselect for a stored E.164 number. */
export function regionOfPhone(e164: string | null | undefined): PhoneRegion | null {
  return (e164 && parsePhoneNumberFromString(e164)?.country) || null;
}

// The list is the same for every request in a language: built once per language, on first use.
const cache = new Map<AppLocale, readonly PhoneRegionChoice[]>();

/** Every selectable country, named in `locale` and sorted the way that language sorts. */
export function phoneRegions(locale: AppLocale): readonly PhoneRegionChoice[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  const list = getCountries()
    .map((code) => ({ code, callingCode: getCountryCallingCode(code), flag: flagOf(code), name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
  cache.set(locale, list);
  return list;
}
