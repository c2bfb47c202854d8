/**
 * Where to go after signing in: only a same-origin absolute path inside the site's locale
 * tree. Anything else (other origins, `//host`, `/\host`, schemes, control characters) falls
 * back to the account page.
 */
export function safeCallbackPath(value: unknown, locale: string): string {
  const fallback = `/${locale}/account`;
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://sesame.invalid');
  } catch {
    return fallback;
  }
  if (parsed.origin !== 'http://sesame.invalid') return fallback;
  if (!/^\/(en|fr)(\/|$)/.test(parsed.pathname)) return fallback;
  return parsed.pathname + parsed.search + parsed.hash;
}
