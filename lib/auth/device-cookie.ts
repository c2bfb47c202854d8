import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { open, randomToken, seal } from '@/lib/crypto';
import { env } from '@/lib/env';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { KNOWN_ACCOUNTS_PER_BROWSER, KNOWN_DEVICE_DAYS } from '@/lib/policy';

/** A browser that signed in to an account before (OWASP's device cookie). */
export interface KnownDevice {
  userId: string;
  nonce: string;
  /** When it signed in (ms since the epoch): a later password change makes it a stranger again. */
  issuedAt: number;
}

const NAME = 'sesame-device';
const PURPOSE = 'device-cookie';

const contents = z
  .array(z.object({ userId: z.uuid(), nonce: z.string().min(16).max(64), issuedAt: z.number().int().positive() }))
  .max(KNOWN_ACCOUNTS_PER_BROWSER);

/** The accounts this browser has signed in to; nothing when the cookie is absent or forged. */
export async function knownDevices(): Promise<KnownDevice[]> {
  const value = (await cookies()).get(hostCookieName(NAME))?.value;
  if (!value) return [];
  try {
    return contents.parse(open(value, env().AUTH_SECRET, PURPOSE));
  } catch {
    return [];
  }
}

/**
 * After a successful sign-in: this browser now has its own failure budget for the account,
 * until the account's password changes (sign-in ignores entries older than that change, so
 * copies of the cookie taken by someone who once knew the password are worth nothing after a
 * reset). A new nonce each time keeps budgets apart between browsers.
 */
export async function rememberDevice(userId: string): Promise<void> {
  const others = (await knownDevices()).filter((device) => device.userId !== userId);
  const devices = [{ userId, nonce: randomToken(24), issuedAt: Date.now() }, ...others].slice(0, KNOWN_ACCOUNTS_PER_BROWSER);
  (await cookies()).set(hostCookieName(NAME), seal(devices, env().AUTH_SECRET, PURPOSE), hostCookieOptions(KNOWN_DEVICE_DAYS * 24 * 60 * 60));
}
