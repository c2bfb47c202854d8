import 'server-only';
import { z } from 'zod';
import { findJob, listJobProblems, listJobs, type JobRow } from '@/lib/db/jobs';
import { can, type Actor } from '@/lib/permissions/can';
import { permissionTable } from '@/lib/permissions/policy';
import { BULK_QUEUE, bulkOperations } from './bulk-users';
import { IMPORT_QUEUE } from './import-users';

const QUEUES = [BULK_QUEUE, IMPORT_QUEUE];
const PROBLEMS_SHOWN = 1000;

// Admins see every job of the admin area; a manager, the jobs they started.
const seesAll = (actor: Actor) => permissionTable[actor.role]['jobs.view'] === 'everyone';

const counts = z.object({ changed: z.number().default(0), skipped: z.number().default(0), created: z.number().default(0) });

/** What the jobs pages show of a job: never its input. */
function view(job: JobRow) {
  const operation = z.enum(bulkOperations).safeParse(job.payload.operation);
  const { changed, skipped, created } = counts.parse(job.result ?? job.checkpoint ?? {});
  return {
    id: job.id,
    kind: job.queue === IMPORT_QUEUE ? ('import' as const) : ('bulk' as const),
    operation: operation.success ? operation.data : null,
    status: job.status,
    total: job.total,
    processed: job.processed,
    failed: job.failed,
    changed,
    skipped,
    created,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export type AdminJobView = ReturnType<typeof view>;

export async function listAdminJobs(actor: Actor): Promise<AdminJobView[]> {
  if (!can(actor, 'jobs.view')) return [];
  const rows = await listJobs(QUEUES, { createdBy: seesAll(actor) ? undefined : actor.id, limit: 50 });
  return rows.map(view);
}

/** One job with its rows' problems by line, if `actor` may see it. */
export async function findAdminJob(actor: Actor, id: string) {
  if (!can(actor, 'jobs.view')) return undefined;
  const job = await findJob(id);
  if (!job || !QUEUES.includes(job.queue) || (!seesAll(actor) && job.createdBy !== actor.id)) return undefined;
  return { ...view(job), problems: await listJobProblems(job.id, PROBLEMS_SHOWN) };
}
