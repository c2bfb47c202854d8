import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import type { JobRow } from '@/lib/db/jobs';
import { findUserById } from '@/lib/db/users';
import { findUserInScope } from '@/lib/admin/users-in-scope';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { JobDefinition } from '@/lib/jobs/runner';
import { can, type Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { applyOperation, userOperations, type UserOperation } from './user-operations';
import { countFilteredUsers, nextFilteredUserIds, type UserListFilter } from './user-filter-rows';

export const BULK_QUEUE = 'users.bulk';
export const bulkOperations = ['unlock', 'deactivate', 'sendResetLink'] as const satisfies readonly UserOperation[];
export type BulkOperation = (typeof bulkOperations)[number];

/** The right to run the operation on a whole filter (the account's own page asks its own). */
export const bulkPermission = (operation: BulkOperation): AdminAction => userOperations[operation].bulkPermission;

const CHUNK_SIZE = 100;

const payloadSchema = z.object({
  operation: z.enum(bulkOperations),
  filter: z.object({ search: z.string().optional(), state: z.enum(['active', 'locked', 'deactivated', 'pending']).optional(), teamId: z.string().optional() }),
  ip: z.string().nullable(),
});
type Payload = z.infer<typeof payloadSchema>;

const checkpointSchema = z.object({
  after: z.string().nullable().default(null),
  changed: z.number().default(0),
  skipped: z.number().default(0),
  failed: z.number().default(0),
  finished: z.boolean().default(false),
});

/** How many accounts the operation would visit (the confirmation's "about N"). */
export async function countBulkTargets(actor: Actor, operation: BulkOperation, filter: UserListFilter): Promise<number> {
  if (!can(actor, bulkPermission(operation))) return 0;
  return countFilteredUsers(actor, userOperations[operation].permission, filter);
}

/** Queues the operation on the filter's accounts, audited as started; null when not allowed. */
export async function startBulkJob(actor: Actor, operation: BulkOperation, filter: UserListFilter, request: { ip: string | null }): Promise<string | null> {
  if (!can(actor, bulkPermission(operation))) return null;
  const total = await countFilteredUsers(actor, userOperations[operation].permission, filter);
  const payload: Payload = { operation, filter, ip: request.ip };
  return db().transaction(async (tx) => {
    const id = await enqueueJob(tx, { queue: BULK_QUEUE, payload: { ...payload }, createdBy: actor.id, total });
    await recordAudit({ event: 'admin.job_started', actorUserId: actor.id, ip: request.ip, detail: { job: id, kind: 'bulk', operation, total } }, tx);
    return id;
  });
}

/** The person who started a job, as they are now: their rights are checked again at every chunk. */
export async function jobActor(job: JobRow): Promise<Actor | null> {
  const user = job.createdBy ? await findUserById(job.createdBy) : undefined;
  return user ? { id: user.id, role: user.role, teamId: user.teamId, state: user.state } : null;
}

/**
 * Works through the filter's accounts by id, a hundred per transaction: each account gets the
 * change, audit event and email of its own page's operation (in a savepoint, so one account's
 * failure is counted and the rest go on), and the chunk's last id is the checkpoint committed
 * with them. An account that no longer matches or needs it is skipped; one the actor no
 * longer reaches is skipped too.
 */
export const bulkUsersJob: JobDefinition = {
  queue: BULK_QUEUE,
  async run({ job, step, stopping }) {
    const payload = payloadSchema.parse(job.payload);
    const { permission, applies } = userOperations[payload.operation];
    const request = { ip: payload.ip };
    const actor = await jobActor(job);
    let progress = checkpointSchema.parse(job.checkpoint ?? {});
    while (!progress.finished) {
      if (stopping()) return 'yielded';
      const allowed = actor !== null && can(actor, bulkPermission(payload.operation));
      const ids = allowed ? await nextFilteredUserIds(actor, permission, payload.filter, { afterId: progress.after, limit: CHUNK_SIZE }) : [];
      const targets: Array<Awaited<ReturnType<typeof findUserInScope>>> = [];
      for (const id of ids) targets.push(actor ? await findUserInScope(actor, permission, id) : undefined);
      progress = await step(async (tx) => {
        let changed = 0;
        let skipped = 0;
        let failed = 0;
        for (const target of targets) {
          if (!actor || !target || !applies(target)) {
            skipped += 1;
            continue;
          }
          try {
            const applied = await tx.transaction((account) => applyOperation(account, payload.operation, actor, target, request, { detail: { job: job.id } }));
            if (applied) changed += 1;
            else skipped += 1;
          } catch (error) {
            failed += 1;
            console.error(`[jobs] bulk ${payload.operation} failed for one account: ${error instanceof Error ? error.message : 'unknown error'}`);
          }
        }
        const next = {
          after: ids.at(-1) ?? progress.after,
          changed: progress.changed + changed,
          skipped: progress.skipped + skipped,
          failed: progress.failed + failed,
          finished: ids.length < CHUNK_SIZE,
        };
        if (next.finished) {
          await recordAudit({
            event: 'admin.job_finished',
            actorUserId: job.createdBy,
            ip: payload.ip,
            detail: { job: job.id, kind: 'bulk', operation: payload.operation, changed: next.changed, skipped: next.skipped, failed: next.failed },
          }, tx);
        }
        return { value: next, progress: { checkpoint: next, processed: ids.length, failed } };
      });
    }
    return { result: { changed: progress.changed, skipped: progress.skipped, failed: progress.failed } };
  },
  async onDead(job, error) {
    await recordAudit({ event: 'admin.job_finished', actorUserId: job.createdBy, detail: { job: job.id, kind: 'bulk', error } });
  },
};
