import UAParser from 'ua-parser-js';

/**
 * A short, human name for a browser and its system, from the User-Agent header, read by
 * ua-parser-js (the MIT-licensed 1.x line; 2.x is AGPL). Null when either part is unknown.
 */
export function describeUserAgent(userAgent: string | null): { browser: string; os: string } | null {
  if (!userAgent) return null;
  const parsed = new UAParser(userAgent);
  const browser = parsed.getBrowser().name;
  const os = parsed.getOS().name;
  return browser && os ? { browser, os } : null;
}
