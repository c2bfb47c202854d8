import { hasUnsafeCharacters, normaliseText } from './text';

// What the rest of an address may not contain: white space, a second @, and the RFC 5322
// "specials" that only quoted local parts allow — and that markup is made of (<script>).
const PART = /^[^\s@<>()[\]\\,;:"]+$/;

/**
 * An email address in the form it is stored and compared in (NFKC, trimmed, lower-case), or
 * null. One check for every door an address comes in by: sign-in, recovery, the command line
 * and the seed. It accepts what mail providers hand out (internationalised local parts and
 * domains included), so no existing account is locked out by it.
 */
export function normaliseEmail(value: string): string | null {
  if (hasUnsafeCharacters(value)) return null;
  const email = normaliseText(value).toLowerCase();
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (email.length > 254 || at < 1 || local.length > 64) return null;
  if (!PART.test(local) || !PART.test(domain)) return null;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => label.length > 0 && label.length <= 63) ? email : null;
}
