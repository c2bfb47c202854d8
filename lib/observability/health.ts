import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/lib/db/client';
import { pendingMigrations } from '@/lib/db/migrate';
import { loaded } from '@/lib/i18n/message-cache';

// /healthz says the process answers (a restart is the cure when it does not); /readyz says this
// instance can serve people now (a balancer sends it traffic only then). Neither says anything a
// stranger could use: no versions, no addresses, no error messages.

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    schema: 'current' | 'behind' | 'unknown';
    messages: 'loaded' | 'not loaded';
  };
}

/** How long the database has to answer before the instance is not ready. */
export const READINESS_TIMEOUT_MS = 1_000;

/** `promise`, or a rejection once `ms` have passed. */
export function withinTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks what serving needs, each within `timeoutMs`: the database answers, it has every
 * migration of this build (remembered once true: a schema does not go back), and the message
 * catalogue with the published translations is loaded.
 */
export function readinessCheck(handle: () => DbHandle, timeoutMs = READINESS_TIMEOUT_MS): () => Promise<Readiness> {
  let schemaCurrent = false;
  return async () => {
    const db = handle();
    let database: Readiness['checks']['database'] = 'ok';
    let schema: Readiness['checks']['schema'] = schemaCurrent ? 'current' : 'unknown';
    try {
      await withinTimeout(db.db.execute(sql`select 1`), timeoutMs);
      if (!schemaCurrent) {
        schemaCurrent = (await withinTimeout(pendingMigrations(db), timeoutMs)).length === 0;
        schema = schemaCurrent ? 'current' : 'behind';
      }
    } catch {
      database = 'unreachable';
    }
    const messages = loaded.cache ? 'loaded' : 'not loaded';
    return { ready: database === 'ok' && schema === 'current' && messages === 'loaded', checks: { database, schema, messages } };
  };
}
