import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';
import { hostCookieName, hostCookieOptions } from '@/lib/http/cookie-name';
import { SHOWN_SECRET_MINUTES } from '@/lib/policy';

// A secret an admin hands on (a reset access code, an API access key) travels from the action
// that made it to the page that shows it once, in a sealed cookie of the admin's browser bound
// to the admin and the account, for a few minutes at most: the database keeps only its hash,
// and "Done" removes the cookie at once.
const NAME = 'sesame-admin-secret';
const PURPOSE = 'admin-secret-on-display';

export type SecretKind = 'accessCode' | 'accessKey';

const contents = z.object({
  actorId: z.uuid(),
  targetId: z.uuid(),
  kind: z.enum(['accessCode', 'accessKey']),
  secret: z.string().min(1).max(200),
  expiresAt: z.string(),
});
export type SecretOnDisplay = z.infer<typeof contents>;

export async function holdSecretForDisplay(held: SecretOnDisplay): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), seal(held, env().AUTH_SECRET, PURPOSE), hostCookieOptions(SHOWN_SECRET_MINUTES * 60));
}

/** The secret held for this admin and this account, if it is of the kind asked for. */
export async function secretOnDisplay(actorId: string, targetId: string, kind: SecretKind): Promise<SecretOnDisplay | null> {
  const value = (await cookies()).get(hostCookieName(NAME))?.value;
  if (!value) return null;
  try {
    const held = contents.parse(open(value, env().AUTH_SECRET, PURPOSE));
    return held.actorId === actorId && held.targetId === targetId && held.kind === kind ? held : null;
  } catch {
    return null;
  }
}

export async function forgetDisplayedSecret(): Promise<void> {
  (await cookies()).set(hostCookieName(NAME), '', hostCookieOptions(0));
}
