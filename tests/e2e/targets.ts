import { inject } from 'vitest';
import type { E2eTarget } from './fixtures';

/**
 * The shared sites of the worker running this file: one set per worker (global-setup.ts), so two
 * files that change accounts run side by side without meeting. Vitest gives each running file a
 * worker number no other running file holds (VITEST_POOL_ID, 1 to maxWorkers).
 */
export function sharedTargets(): E2eTarget[] {
  const sets = inject('targetSets');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  const set = sets[worker - 1];
  if (!set) throw new Error(`no shared sites for worker ${worker}: global-setup.ts prepares ${sets.length}`);
  return set;
}

/**
 * The site a browser flow runs against: PostgreSQL, as production runs it. That the embedded
 * database answers alike is the database suite's to prove (every `*.db.test.ts` runs on both);
 * in the browser, sign-in, emails and languages still run on both, as the embedded mode's smoke.
 */
export function flowTargets(): E2eTarget[] {
  const targets = sharedTargets();
  const server = targets.filter((target) => target.name === 'postgres');
  return server.length > 0 ? server : targets;
}
