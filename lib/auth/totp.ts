import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { env } from '@/lib/env';

// PRODUCT.md section 6: a 160-bit secret, 30-second steps, one step of drift either way.
const SECRET_BYTES = 20;
const PERIOD_SECONDS = 30;
const WINDOW_STEPS = 1;

export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totp(secretBase32: string, account?: { issuer: string; label: string }) {
  return new TOTP({ ...account, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
}

/** The `otpauth://` address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: { issuer: string; label: string }): string {
  return totp(secretBase32, account).toString();
}

/**
 * The time step a code belongs to, within one step of now, or null. The caller records the
 * step it accepts and refuses any step not later than the last one, so a code works once.
 */
export function matchingTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: WINDOW_STEPS });
  return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp: now }) + delta;
}

// Secrets are encrypted with TOTP_ENCRYPTION_KEY (AES-256-GCM), tagged with the key's id so
// that a rotation can read old rows with TOTP_PREVIOUS_KEYS while it re-encrypts them.
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function currentKey(): Buffer {
  return Buffer.from(env().TOTP_ENCRYPTION_KEY, 'base64');
}

export function encryptTotpSecret(secretBase32: string): string {
  const key = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return [keyId(key), ...[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'))].join('.');
}

export class UnknownTotpKeyError extends Error {}

export function decryptTotpSecret(stored: string): string {
  const [id, iv, tag, body] = stored.split('.');
  const keys = [currentKey(), ...env().TOTP_PREVIOUS_KEYS.map((key) => Buffer.from(key, 'base64'))];
  const key = keys.find((candidate) => keyId(candidate) === id);
  if (!key || !iv || !tag || !body) throw new UnknownTotpKeyError('TOTP secret encrypted with a key that is not configured');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether a stored secret is already under the current key (the rotation skips those). */
export function isUnderCurrentKey(stored: string): boolean {
  return stored.startsWith(`${keyId(currentKey())}.`);
}
