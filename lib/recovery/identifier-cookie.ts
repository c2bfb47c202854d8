import 'server-only';
import { cookies } from 'next/headers';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { RECOVERY_IDENTIFIER_MINUTES } from '@/lib/policy';

const COOKIE = 'sesame-recovery';
const PURPOSE = 'recovery-identifier';

/**
 * Carries what the person typed from "forgot password" to "enter the code" without putting it
 * in a URL. Set for every request alike, known account or not.
 */
export async function rememberIdentifier(identifier: string): Promise<void> {
  (await cookies()).set(hostCookieName(COOKIE), seal({ identifier }, env().AUTH_SECRET, PURPOSE), hostCookieOptions(RECOVERY_IDENTIFIER_MINUTES * 60));
}

export async function rememberedIdentifier(): Promise<string> {
  const value = (await cookies()).get(hostCookieName(COOKIE))?.value;
  if (!value) return '';
  try {
    return open<{ identifier: string }>(value, env().AUTH_SECRET, PURPOSE).identifier;
  } catch {
    return '';
  }
}
