/**
 * `npm test` and `npm run test:quick`: the suite phase by phase, stopping at the first that
 * fails, with each phase's time printed at the end (CI reads them to keep the run short).
 *
 *   node scripts/test.mjs           lint, types, catalogue, unit and database tests, browser tests
 *   node scripts/test.mjs --quick   the same without PostgreSQL, and of the browser tests only
 *                                   the embedded database's smoke (sign-in, emails, languages)
 */
import { spawn } from 'node:child_process';

const quick = process.argv.includes('--quick');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (script) => [npm, ['run', '--silent', script]];

// The embedded database's browser smoke: the site built and started as `npm start` runs it,
// signing in, sending an email and answering in both languages. The flows themselves are the
// full run's, on PostgreSQL.
const SMOKE = [
  'tests/e2e/sign-in.e2e.test.ts',
  'tests/e2e/email.e2e.test.ts',
  'tests/e2e/locale.e2e.test.ts',
  '--testNamePattern',
  "^(sign-in|emails|locales) on 'pglite' ",
];

// Lint and the type check read the same files on different cores; both must pass before a
// build whose own type check they then make redundant (SESAME_TYPES_CHECKED, next.config.mjs).
const phases = [
  { name: 'lint + typecheck + catalogue', parallel: [run('lint'), run('typecheck'), run('i18n:check')] },
  { name: quick ? 'unit + database (PGlite)' : 'unit + database (PGlite, PostgreSQL)', parallel: [run('test:unit')] },
  quick
    ? { name: 'browser smoke (PGlite, build included)', parallel: [[npm, ['run', '--silent', 'test:e2e', '--', ...SMOKE]]] }
    : { name: 'browser (build included)', parallel: [run('test:e2e')] },
];

const env = { ...process.env, SESAME_TYPES_CHECKED: '1' };
if (quick) delete env.DATABASE_URL;

/** Runs a command; with `buffer`, its output is held and shown whole when it ends (no interleaving). */
function spawnPhase([command, args], buffer) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks = [];
    if (buffer) {
      child.stdout.on('data', (chunk) => chunks.push(chunk));
      child.stderr.on('data', (chunk) => chunks.push(chunk));
    }
    child.on('close', (code) => {
      if (buffer) process.stdout.write(Buffer.concat(chunks));
      resolve(code ?? 1);
    });
  });
}

const times = [];
let failed = null;
const started = Date.now();
for (const phase of phases) {
  const start = Date.now();
  console.log(`\n=== ${phase.name}`);
  const codes = await Promise.all(phase.parallel.map((command) => spawnPhase(command, phase.parallel.length > 1)));
  times.push([phase.name, (Date.now() - start) / 1000]);
  if (codes.some((code) => code !== 0)) {
    failed = phase.name;
    break;
  }
}
times.push(['total', (Date.now() - started) / 1000]);

const width = Math.max(...times.map(([name]) => name.length));
console.log('\nphase times');
for (const [name, seconds] of times) console.log(`  ${name.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s`);
if (failed) {
  console.error(`\n${failed}: failed`);
  process.exit(1);
}
