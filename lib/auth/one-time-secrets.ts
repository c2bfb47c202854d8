import { randomInt } from 'node:crypto';
import { keyedDigest, randomToken, safeEqual, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';

// The one-time secrets people receive: 256-bit link tokens (stored as SHA-256) and 6-digit
// codes (stored as an HMAC bound to their account and purpose). Recovery, email change and
// access codes all draw on these.

export const CODE_LENGTH = 6;

/** A 256-bit link token and the hash the database keeps. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomToken();
  return { token, hash: sha256(token) };
}

export function hashLinkToken(token: string): string {
  return sha256(token);
}

export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * HMAC keyed by the server secret and bound to the account and purpose: a leaked table does
 * not give the million possible codes away, and a code for one account or purpose never
 * matches another.
 */
export function hashCode(code: string, binding: { userId: string; purpose: string }): string {
  return keyedDigest(`${binding.userId}:${binding.purpose}:${code}`, env().AUTH_SECRET, 'one-time-codes');
}

export function codeMatches(code: string, storedHash: string, binding: { userId: string; purpose: string }): boolean {
  return safeEqual(hashCode(code, binding), storedHash);
}

/** "123 456", "123-456" and full-width digits are the same code; anything else is not one. */
export function normaliseCode(raw: string): string | null {
  const digits = raw.normalize('NFKC').replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(digits) ? digits : null;
}

// Recovery codes: 10 characters from an alphabet without look-alikes (50 bits), shown as
// "ABCDE-FGHJK"; case, spaces and dashes do not matter when typed back.
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECOVERY_CODE_COUNT = 10;

function readableGroups(groups: number, size: number): string {
  const chars = Array.from({ length: groups * size }, () => RECOVERY_ALPHABET[randomInt(0, RECOVERY_ALPHABET.length)]);
  return Array.from({ length: groups }, (_, i) => chars.slice(i * size, (i + 1) * size).join('')).join('-');
}

export function newRecoveryCode(): string {
  return readableGroups(2, 5);
}

export function normaliseRecoveryCode(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[2-9A-HJ-NP-Z]{10}$/.test(compact) ? `${compact.slice(0, 5)}-${compact.slice(5)}` : null;
}

/** Recovery codes are stored like emailed codes: a keyed hash bound to the account. */
export function hashRecoveryCode(userId: string, code: string): string {
  return hashCode(code, { userId, purpose: 'recovery_code' });
}

// Reset access codes, printed or read out by an admin for someone without email: 16 characters
// of the same alphabet (80 bits), "ABCD-EFGH-JKLM-NPQR". Stored like emailed codes, as an HMAC
// bound to the account, and limited to lib/policy.ts's MAX_CODE_ATTEMPTS tries.
export function newAccessCode(): string {
  return readableGroups(4, 4);
}

export function normaliseAccessCode(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[2-9A-HJ-NP-Z]{16}$/.test(compact) ? compact.match(/.{4}/g)!.join('-') : null;
}

/**
 * A password an admin has emailed (Ooma's "reset to a random password"): 20 characters, 100
 * bits, in groups of five so it can be typed from a phone. It is temporary: only good for
 * choosing a new one within 24 hours.
 */
export function newTemporaryPassword(): string {
  return readableGroups(4, 5);
}
