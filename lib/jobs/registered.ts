import 'server-only';
import { bulkUsersJob } from '@/lib/admin/bulk-users';
import { importUsersJob } from '@/lib/admin/import-users';
import { pruneJobs } from './prune';
import type { JobDefinition, Schedule } from './runner';

/** Every kind of job, with the domain code that runs it. */
export function registeredJobs(): JobDefinition[] {
  return [bulkUsersJob, importUsersJob, pruneJobs];
}

export const scheduledJobs: Schedule[] = [{ queue: pruneJobs.queue, everySeconds: 24 * 60 * 60 }];
