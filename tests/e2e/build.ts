import { spawnSync } from 'node:child_process';
import { root } from './site';

/**
 * Global setup of the browser tests: the site, server, worker and command line built once per
 * run. The server, worker and command line are compiled again even with E2E_SKIP_BUILD=1: it
 * takes seconds.
 */
export default function build() {
  const run = spawnSync(process.execPath, ['scripts/build.mjs', ...(process.env.E2E_SKIP_BUILD === '1' ? ['--no-next'] : [])], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the build failed');
}
