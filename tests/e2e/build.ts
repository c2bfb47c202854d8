import { spawnSync } from 'node:child_process';
import { root } from './site';

/**
 * Global setup of both browser projects: the site, server, worker and command line built once
 * per run, whichever project starts first (projects' global setups run one after the other, in
 * this process). The server, worker and command line are compiled again even with
 * E2E_SKIP_BUILD=1: it takes seconds.
 */
export default function build() {
  if (process.env.SESAME_E2E_BUILT === '1') return;
  const run = spawnSync(process.execPath, ['scripts/build.mjs', ...(process.env.E2E_SKIP_BUILD === '1' ? ['--no-next'] : [])], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the build failed');
  process.env.SESAME_E2E_BUILT = '1';
}
