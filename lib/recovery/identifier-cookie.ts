import 'server-only';
import { cookies } from 'next/headers';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';

const COOKIE = 'sesame-recovery';
const PURPOSE = 'recovery-identifier';

/**
 * Carries what the person typed from "forgot password" to "enter the code" without putting it
 * in a URL. Set for every request alike, known account or not.
 */
export async function rememberIdentifier(identifier: string): Promise<void> {
  const config = env();
  (await cookies()).set(COOKIE, seal({ identifier }, config.AUTH_SECRET, PURPOSE), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https://'),
    path: '/',
    maxAge: 60 * 60,
  });
}

export async function rememberedIdentifier(): Promise<string> {
  const value = (await cookies()).get(COOKIE)?.value;
  if (!value) return '';
  try {
    return open<{ identifier: string }>(value, env().AUTH_SECRET, PURPOSE).identifier;
  } catch {
    return '';
  }
}
