import { dictionary } from '@zxcvbn-ts/language-common';
import { env } from '@/lib/env';
import { currentMessages } from '@/lib/i18n/message-cache';
import { routing } from '@/lib/i18n/routing';
import { hasUnsafeCharacters } from '@/lib/validation/text';
import { TEMPORARY_PASSWORD_HOURS } from '@/lib/policy';

export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'unsafeCharacters' | 'common' | 'containsPersonalInfo' | 'containsSiteName';

export interface PasswordContext {
  email?: string | null;
  username?: string | null;
  phone?: string | null;
  name?: string | null;
}

let commonPasswords: Set<string> | undefined;

/** Lower-case, accents removed: "Sésame" and "SESAME" are the same word to an attacker. */
function fold(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function contextWords(context: PasswordContext): string[] {
  const words = [context.email, context.email?.split('@')[0], context.username, context.phone?.replace(/^\+/, '')];
  for (const part of (context.name ?? '').split(/\s+/)) words.push(part);
  // Short fragments ("jo") would refuse too many good passwords.
  return words.filter((word): word is string => !!word && word.length >= 4).map(fold);
}

/**
 * NIST SP 800-63B: length counted in code points after NFKC, no composition rules, refuse
 * known-common passwords and ones built on the person's own identifiers or the site's name.
 * Everything past the length checks runs only on passwords short enough to be worth hashing.
 */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem[] {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length > MAX_PASSWORD_LENGTH) return ['tooLong'];
  // NIST asks for every printing character; these print nothing, and a password holding one
  // (pasted, or a broken encoding's U+FFFD) could not be typed again on another device.
  if (hasUnsafeCharacters(normalised)) return ['unsafeCharacters'];
  const problems: PasswordProblem[] = [];
  if (length < env().PASSWORD_MIN_LENGTH) problems.push('tooShort');

  const folded = fold(normalised);
  commonPasswords ??= new Set(dictionary['passwords-common'].map(fold));
  if (commonPasswords.has(folded)) problems.push('common');
  if (contextWords(context).some((word) => folded.includes(word))) problems.push('containsPersonalInfo');
  // The site's name in every language, as the catalogue and its overrides have it now.
  if (routing.locales.some((locale) => folded.includes(fold(currentMessages(locale).Metadata.siteName)))) problems.push('containsSiteName');
  return problems;
}


export function temporaryPasswordExpiry(from = new Date()): Date {
  return new Date(from.getTime() + TEMPORARY_PASSWORD_HOURS * 60 * 60 * 1000);
}
