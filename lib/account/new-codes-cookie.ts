import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { SHOWN_SECRET_MINUTES } from '@/lib/policy';

// New recovery codes travel from the action that made them to the page that shows them in a
// sealed cookie of this browser, bound to the account, for a few minutes at most: the database
// keeps only their hashes, and "I have saved them" removes the cookie at once.
const NAME = 'sesame-new-codes';
const PURPOSE = 'new-recovery-codes';

const contents = z.object({ userId: z.uuid(), codes: z.array(z.string()).min(1).max(20) });

export async function holdCodesForDisplay(userId: string, codes: string[]): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), seal({ userId, codes }, env().AUTH_SECRET, PURPOSE), hostCookieOptions(SHOWN_SECRET_MINUTES * 60));
}

export async function codesOnDisplay(userId: string): Promise<string[] | null> {
  const value = (await cookies()).get(hostCookieName(NAME))?.value;
  if (!value) return null;
  try {
    const held = contents.parse(open(value, env().AUTH_SECRET, PURPOSE));
    return held.userId === userId ? held.codes : null;
  } catch {
    return null;
  }
}

export async function forgetDisplayedCodes(): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), '', hostCookieOptions(0));
}
