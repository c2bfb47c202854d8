import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Identifier } from '@/lib/db/users';
import type { PhoneRegion } from '@/lib/phone/regions';
import { normaliseEmail } from '@/lib/validation/email';
import { hasUnsafeCharacters, normaliseText } from '@/lib/validation/text';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const PHONE_LIKE = /^\+?[\d\s().-]{6,}$/;

export function normaliseUsername(value: string): string | null {
  const username = normaliseText(value).toLowerCase();
  return USERNAME.test(username) ? username : null;
}

/**
 * E.164, e.g. +33612345678. A national number is read in `region`, the country the person
 * chose beside the field: "06 12 34 56 78" is French in FR and no number at all in CA.
 */
export function normalisePhone(value: string, region: PhoneRegion): string | null {
  const text = normaliseText(value);
  if (!PHONE_LIKE.test(text)) return null;
  const phone = parsePhoneNumberFromString(text, region);
  return phone?.isValid() ? phone.number : null;
}

/** What a person typed in "email, username or phone", in the form it is stored and counted in. */
export function parseIdentifier(raw: string, region: PhoneRegion): Identifier | null {
  if (hasUnsafeCharacters(raw)) return null;
  const text = normaliseText(raw);
  if (text.length === 0 || text.length > 254) return null;
  if (text.includes('@')) {
    const email = normaliseEmail(text);
    return email ? { kind: 'email', value: email } : null;
  }
  const phone = normalisePhone(text, region);
  if (phone) return { kind: 'phone', value: phone };
  const username = normaliseUsername(text);
  return username ? { kind: 'username', value: username } : null;
}

/** +33612345678 → "+33 6 12 34 56 78", for display. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
