import 'server-only';
import { cookies, headers } from 'next/headers';
import { env } from '@/lib/env';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import type { AppLocale } from '@/lib/i18n/routing';
import { resolvePhoneRegion } from './default-region';
import type { PhoneRegion } from './regions';

const COOKIE = 'sesame-phone-region';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The country preselected on a page's phone field, for this browser and this page's language. */
export async function defaultPhoneRegion(locale: AppLocale): Promise<PhoneRegion> {
  const [jar, list] = await Promise.all([cookies(), headers()]);
  return resolvePhoneRegion({
    remembered: jar.get(hostCookieName(COOKIE))?.value,
    acceptLanguage: list.get('accept-language'),
    locale,
    siteDefault: env().DEFAULT_PHONE_REGION,
  });
}

/**
 * The country a form's national number is read in: the one posted with it, which this browser
 * then offers first on every phone field; or, from a form that had no selector (a request made
 * by hand, a page from before it), the default the page would have shown.
 */
export async function choosePhoneRegion(posted: PhoneRegion | null, locale: AppLocale): Promise<PhoneRegion> {
  if (!posted) return defaultPhoneRegion(locale);
  const jar = await cookies();
  const name = hostCookieName(COOKIE);
  // Written only when it changes: setting a cookie makes Next.js render the page again.
  if (jar.get(name)?.value !== posted) jar.set(name, posted, hostCookieOptions(ONE_YEAR_SECONDS));
  return posted;
}
