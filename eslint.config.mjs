import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// The layers of lib/, top to bottom (README "Layout"): each may import those below it, never
// those above, so no folder imports its way back into itself. lib/db and the foundations under
// it import no domain. A folder or top-level file added to lib/ takes its place here.
const layers = [
  // Run by scripts/: what a process starts, and what the server does with each request.
  'server-start.ts',
  'background-jobs.ts',
  'maintenance.ts',
  'http-server',
  // Domains.
  'actions',
  'api',
  'admin',
  'account',
  'translations',
  'sso',
  'users',
  'recovery',
  'passkeys',
  'permissions',
  'auth',
  'passwords',
  'email',
  'phone',
  // Foundations.
  'http',
  'messages',
  'jobs',
  'observability',
  'i18n',
  'db',
  'validation',
  'csv',
  'request-info.ts',
  'network',
  'branding.ts',
  'policy.ts',
  'env.ts',
  'trusted-proxies.ts',
  'crypto.ts',
  'escape-html.ts',
  'user-agent.ts',
].map((layer) => `./lib/${layer}`);

const layerZones = [
  { target: './lib', from: ['./app', './components'], message: 'lib/ is below the pages and components.' },
  ...layers.slice(1).map((target, index) => ({
    target,
    from: layers.slice(0, index + 1),
    message: `${target.slice(2)} imports only the layers below it (README "Layout"): move the code to the layer it belongs in.`,
  })),
];

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores(['.next/**', 'dist/**', 'bench/bare/.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'drizzle/**']),
  {
    rules: {
      // Data access stays in lib/: pages and components never open the database themselves.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'drizzle-orm', message: 'Query the database from lib/db, not from app/.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['lib/**', 'tests/**', 'scripts/**', 'drizzle.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);
