import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// What `npm run sesame` and `npm run worker` run, without npm in between.
const NODE_ARGS = ['--import', 'tsx', '--import', './scripts/runtime/register.mjs'];
// Short runs on the embedded database: optimising PGlite's WebAssembly costs more than it saves.
export const SCRIPT_ARGS = ['--liftoff-only', ...NODE_ARGS];

/** Runs `scripts/<name>.ts` to completion, as its npm script does. */
export function runScript(name: string, args: string[], env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [...SCRIPT_ARGS, `scripts/${name}.ts`, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

/** Starts `scripts/<name>.ts` as a long-running process (the worker). */
export function startScript(name: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...SCRIPT_ARGS, `scripts/${name}.ts`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}
