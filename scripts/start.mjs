/**
 * `npm start`: serves the built site on PORT (default 3000) through dist/server.mjs.
 *
 * On a laptop (the embedded demo: no DATABASE_URL, NODE_ENV not production) it first builds the
 * site when the sources changed since the last build, or there is none yet, and prints its log
 * for a person to read. In production it never builds: a server starts what was built and
 * tested (`npm run build`), and says so when there is nothing built.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import nextEnv from '@next/env';
import { SERVER_NODE_FLAGS } from './runtime/server-node-flags.mjs';

const root = path.resolve(import.meta.dirname, '..');
const built = [path.join(root, '.next/BUILD_ID'), path.join(root, 'dist/server.mjs')];
const sources = ['app', 'public', 'components', 'lib', 'messages', 'drizzle', 'scripts', 'proxy.ts', 'auth.ts', 'instrumentation.ts', 'next.config.mjs', 'package-lock.json'];

nextEnv.loadEnvConfig(root, false);
const production = process.env.NODE_ENV === 'production' || !!process.env.DATABASE_URL;

function newestChange(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(full).map((name) => newestChange(path.join(entry, name))));
}

const builtAt = built.every((file) => existsSync(file)) ? Math.min(...built.map((file) => statSync(file).mtimeMs)) : 0;
if (production) {
  if (builtAt === 0) {
    console.error('Sésame cannot start: there is no build. Run `npm run build` first (npm start never builds in production).');
    process.exit(1);
  }
} else if (builtAt === 0 || Math.max(...sources.map(newestChange)) > builtAt) {
  console.log(builtAt === 0 ? 'Building the site (first start)…' : 'Sources changed: rebuilding…');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = production ? process.env : { LOG_FORMAT: 'pretty', ...process.env };
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'dist/server.mjs')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
