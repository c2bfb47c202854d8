import { describe, expect, it } from 'vitest';
import { routeNamer } from '@/lib/observability/route-names';

const namer = routeNamer(
  {
    staticRoutes: [
      { page: '/api/v1/me', regex: '^/api/v1/me(?:/)?$' },
      { page: '/_not-found', regex: '^/_not\\-found(?:/)?$' },
    ],
    dynamicRoutes: [
      { page: '/[locale]/reset-password', regex: '^/([^/]+?)/reset\\-password(?:/)?$' },
      { page: '/[locale]/account/email/[token]', regex: '^/([^/]+?)/account/email/([^/]+?)(?:/)?$' },
      { page: '/[locale]', regex: '^/([^/]+?)(?:/)?$' },
    ],
  },
  ['/healthz', '/readyz'],
);

describe('route names for logs and metrics', () => {
  it('names a request by its route, never by the values in its address', () => {
    expect(namer('/fr/reset-password')).toBe('/[locale]/reset-password');
    expect(namer('/en/account/email/3q2-secret-token')).toBe('/[locale]/account/email/[token]');
    expect(namer('/en')).toBe('/[locale]');
    expect(namer('/api/v1/me/')).toBe('/api/v1/me');
  });

  it('groups the static files and names the server’s own probes', () => {
    expect(namer('/_next/static/chunks/app-3f2a.js')).toBe('/_next/static');
    expect(namer('/logo.png')).toBe('static file');
    expect(namer('/healthz')).toBe('/healthz');
    expect(namer('/en/no/such/page')).toBe('unmatched');
  });
});
