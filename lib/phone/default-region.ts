import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { toPhoneRegion, type PhoneRegion } from './regions';

/** What the default phone country is chosen from, as the request gives it. */
export interface RegionClues {
  /** The country this browser chose last time (its cookie). */
  remembered?: string | null;
  acceptLanguage?: string | null;
  /** The page's language. */
  locale: AppLocale;
  /** The site's default for English pages (DEFAULT_PHONE_REGION). */
  siteDefault: string;
}

// A French page is read by people in France first; English has no such country, so the site says.
const LANGUAGE_COUNTRY: Partial<Record<AppLocale, PhoneRegion>> = { fr: 'FR' };
// Used only if DEFAULT_PHONE_REGION names no numbering plan, so that a page always renders.
const LAST_RESORT: PhoneRegion = 'US';

/**
 * DEFAULT_PHONE_REGION, for numbers read where nobody chose a country: the command line, and
 * requests queued before a form had the selector.
 */
export function siteDefaultRegion(): PhoneRegion {
  return toPhoneRegion(env().DEFAULT_PHONE_REGION) ?? LAST_RESORT;
}

/** The languages of an Accept-Language header, most preferred first ("fr-CA,fr;q=0.9,en;q=0.8"). */
export function preferredLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, weight }) => tag !== '' && tag !== '*' && weight > 0 && weight <= 1)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
}

/** "fr-CA" → { language: "fr", region: "CA" }; a tag that is not a language tag gives nothing. */
function parseTag(tag: string): { language: string; region: PhoneRegion | null } | null {
  try {
    const locale = new Intl.Locale(tag);
    return { language: locale.language, region: toPhoneRegion(locale.region) };
  } catch {
    return null;
  }
}

/**
 * The country a national number is read in before the person chooses one: the one they chose
 * last time; else the region the browser gives for the page's language (fr-CA on a French page:
 * Canada), or for any language it lists (en-GB first, on a French page: the United Kingdom);
 * else the page's language decides (French: France; English: the site's default).
 */
export function resolvePhoneRegion(clues: RegionClues): PhoneRegion {
  const remembered = toPhoneRegion(clues.remembered);
  if (remembered) return remembered;
  const tags = preferredLanguages(clues.acceptLanguage)
    .map(parseTag)
    .filter((tag) => tag !== null);
  const fromBrowser = tags.find((tag) => tag.language === clues.locale && tag.region) ?? tags.find((tag) => tag.region);
  if (fromBrowser?.region) return fromBrowser.region;
  return LANGUAGE_COUNTRY[clues.locale] ?? toPhoneRegion(clues.siteDefault) ?? LAST_RESORT;
}
