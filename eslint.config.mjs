import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

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
    },
  },
  {
    files: ['lib/**', 'tests/**', 'scripts/**', 'drizzle.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);
