import { env } from '@/lib/env';

/** The logo as pages show it (a path stays relative) and as emails must (always absolute). */
export function logoUrl(where: 'page' | 'email'): string {
  const { LOGO_URL, APP_URL } = env();
  return where === 'email' && LOGO_URL.startsWith('/') ? `${APP_URL}${LOGO_URL}` : LOGO_URL;
}

/** The origin pages must be allowed to load the logo from, when it is not this site. */
export function logoOrigin(): string | null {
  const { LOGO_URL } = env();
  return LOGO_URL.startsWith('/') ? null : new URL(LOGO_URL).origin;
}
