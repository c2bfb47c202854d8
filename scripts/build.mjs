/**
 * `npm run build`: the site (`next build`, with its standalone output), then the server, the
 * email worker, the command line and the migrations compiled to dist/, then
 * `.next/standalone/` completed into what the image holds: Next.js's traced server and packages,
 * the static files, public/, the migrations and dist/. Nothing else is needed to run it, and
 * nothing in it is TypeScript.
 *
 *   node scripts/build.mjs              everything
 *   node scripts/build.mjs --no-next    keep the .next build there is, compile and assemble again
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next/standalone');

// Loaded by Node from node_modules rather than compiled in: Next.js itself; native and WASM
// packages; and the packages whose one copy the server shares with the pages (the metric
// registry, the tracer, the database driver, the logger's worker). Next.js's trace puts each of
// them in the standalone output's node_modules.
export const EXTERNAL = [
  'next',
  'next/*',
  '@next/env',
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'postgres',
  'pino',
  'pino-pretty',
  'prom-client',
  '@opentelemetry/*',
];

/** `server-only` throws outside a React Server Components build; these are plain Node programs. */
const serverOnlyIsEmpty = {
  name: 'server-only',
  setup(compiler) {
    compiler.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    compiler.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

export async function compileScripts() {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { server: 'scripts/server.ts', worker: 'scripts/worker.ts', sesame: 'scripts/sesame.ts', migrate: 'scripts/migrate.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: [serverOnlyIsEmpty],
    // React and the email renderer compiled in take their production form.
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS packages compiled into ES modules still call require() for Node's own modules.
    banner: { js: "import { createRequire as __sesameRequire } from 'node:module'; const require = __sesameRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** Completes .next/standalone into the image's /app. */
export function assembleStandalone() {
  if (!existsSync(standalone)) throw new Error('no .next/standalone: run next build first (output: standalone)');
  // Next.js's own server.js would serve without the client addresses, health, logs or shutdown of dist/server.mjs.
  rmSync(path.join(standalone, 'server.js'), { force: true });
  for (const [from, to] of [
    ['.next/static', '.next/static'],
    ['public', 'public'],
    ['drizzle', 'drizzle'],
    ['dist', 'dist'],
  ]) {
    rmSync(path.join(standalone, to), { recursive: true, force: true });
    cpSync(path.join(root, from), path.join(standalone, to), { recursive: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--no-next')) {
    const next = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
    if (next.status !== 0) process.exit(next.status ?? 1);
  }
  await compileScripts();
  assembleStandalone();
  console.log('Built: .next/standalone holds the site, dist/ the server, worker, command line and migrations.');
}
