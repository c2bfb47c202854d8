import { groupOf, whereUsed } from './where';

/**
 * Texts people are taught to trust: what they read on the pages where they sign in or get back
 * in (and the words those pages share), and every email, each of which is about their account's
 * security. Changing one could phish everyone at once, so publishing it takes a second person,
 * and it can gain no address or number the shipped text did not have.
 */
export function isSensitiveKey(key: string): boolean {
  const where = whereUsed(groupOf(key));
  return where.kind !== 'page' || where.visitor;
}

// An email address; a web address with a scheme or "www."; a bare host name ("evil.example",
// "secure-login.com"); a run of at least seven digits that a phone number can be written as.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"']+/giu;
// Labels of one letter are left out: abbreviations ("p.ex.", "e.g.") are not hosts.
const HOST = /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}][\p{L}\p{N}-]*[\p{L}\p{N}]\.)+[\p{L}]{2,63}\b/gu;
const PHONE = /\+?\(?\d[\d\s().\-\u00a0\u202f/]{5,}\d/gu;

/** The contact details in a text: addresses and numbers a person could be sent to, normalised. */
export function contactDetailsIn(text: string): string[] {
  // Full-width digits and letters, ligatures and the like read as their plain forms.
  const plain = text.normalize('NFKC');
  const found = new Set<string>();
  for (const match of plain.matchAll(EMAIL)) found.add(match[0].toLowerCase());
  const withoutEmails = plain.replace(EMAIL, ' ');
  for (const match of withoutEmails.matchAll(URL_LIKE)) found.add(match[0].toLowerCase().replace(/[.,;:!?)]+$/, ''));
  const withoutUrls = withoutEmails.replace(URL_LIKE, ' ');
  for (const match of withoutUrls.matchAll(HOST)) found.add(match[0].toLowerCase());
  for (const match of plain.matchAll(PHONE)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 7) found.add(digits);
  }
  return [...found];
}

/** The contact details of `value` that `shipped` (the text the product ships) does not have. */
export function newContactDetails(value: string, shipped: string): string[] {
  const known = new Set(contactDetailsIn(shipped));
  return contactDetailsIn(value).filter((detail) => !known.has(detail));
}
