import { inject } from 'vitest';
import type { E2eTarget } from './fixtures';

/**
 * The site a browser flow runs against: PostgreSQL, as production runs it. That the embedded
 * database answers alike is the database suite's to prove (every `*.db.test.ts` runs on both);
 * in the browser, sign-in, emails and languages still run on both, as the embedded mode's smoke.
 */
export function flowTargets(): E2eTarget[] {
  const targets = inject('targets');
  const server = targets.filter((target) => target.name === 'postgres');
  return server.length > 0 ? server : targets;
}
