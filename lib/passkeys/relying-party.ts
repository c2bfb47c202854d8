import { env } from '@/lib/env';

/**
 * Who passkeys are made for: the site at APP_URL. The id is its host name, so a passkey made
 * here works on no other site, and the origin is what every answer must have been made on.
 */
export function relyingParty(): { id: string; origin: string } {
  const url = new URL(env().APP_URL);
  return { id: url.hostname, origin: url.origin };
}
