import { hasUnsafeCharacters } from './unsafe-text';

// RFC 5322 "atext" in the local part (ASCII, as mail providers accept it), dot-separated.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Letters, digits and inner hyphens per label, internationalised domains included.
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * An email address in the form it is stored and compared in (NFKC, trimmed, lower-case), or
 * null. One check for every door an address comes in by: sign-in, recovery, the CLI, the seed
 * and the admin area.
 */
export function normaliseEmail(value: string): string | null {
  if (hasUnsafeCharacters(value)) return null;
  const email = value.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (at < 1 || local.length > 64 || !LOCAL_PART.test(local)) return null;
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  return TOP_LEVEL.test(labels.at(-1)!) ? email : null;
}
