import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/translations/request-config.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The image runs this: the server's own files and only the packages they load
  // (scripts/build.mjs adds the rest of what the image holds).
  output: 'standalone',
  // The site's own folder, whatever lockfiles the folders above it hold.
  outputFileTracingRoot: import.meta.dirname,
  // Native and WASM packages must be loaded by Node at run time, not bundled; so must the metric
  // registry and the tracer, which the server in front of Next.js (dist/server.mjs) shares with
  // the pages through Node's one copy of each package.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'postgres',
    'prom-client',
    '@opentelemetry/api',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/resources',
  ],
  poweredByHeader: false,
  // `npm test` runs tsc over the same sources before it builds: no second type check then.
  typescript: { ignoreBuildErrors: process.env.SESAME_TYPES_CHECKED === '1' },
  // app/global-not-found.tsx: the page of unknown addresses, rendered only for them.
  experimental: { globalNotFound: true },
  async headers() {
    // Every response, pages and assets alike; the per-request CSP is added by proxy.ts.
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
      // Only the translation editor frames pages, to preview its drafts; the framed page's
      // message loader checks the pass, and its CSP (proxy.ts) names this site as the only framer.
      { source: '/:path*', missing: [{ type: 'query', key: 'translation-preview' }], headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
      { source: '/:path*', has: [{ type: 'query', key: 'translation-preview' }], headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
      // Pages reached with a token in their address: never cached, never sent on as a referrer.
      ...['/:locale/reset-password/:path*', '/:locale/magic-link/:path*', '/:locale/activate', '/:locale/account/email/:path+'].map((source) => ({
        source,
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Cache-Control', value: 'no-store' },
        ],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
