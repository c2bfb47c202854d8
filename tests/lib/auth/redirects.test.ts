import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/redirects';

describe('safeCallbackPath', () => {
  it('keeps same-origin paths inside the site, with their query and fragment', () => {
    expect(safeCallbackPath('/fr/account?tab=sessions#sessions', 'fr')).toBe('/fr/account?tab=sessions#sessions');
    expect(safeCallbackPath('/en/admin', 'fr')).toBe('/en/admin');
  });

  it.each([
    'https://evil.test/en/account',
    '//evil.test/en/account',
    '/\\evil.test/en/account',
    '\\\\evil.test',
    'javascript:alert(1)',
    '/en/account\r\nSet-Cookie: x=1',
    'en/account',
    '/api/v1/users',
    '',
    undefined,
    42,
  ])('sends %s to the account page instead', (value) => {
    expect(safeCallbackPath(value, 'en')).toBe('/en/account');
  });
});
