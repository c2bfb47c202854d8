import 'server-only';
import { deleteFinishedJobs } from '@/lib/db/jobs';
import type { JobDefinition } from './runner';

const KEEP_DAYS = 30;

/** Finished jobs are kept a month for the people who ran them to read; dead ones until looked at. */
export const pruneJobs: JobDefinition = {
  queue: 'jobs.prune',
  async run() {
    return { result: { deleted: await deleteFinishedJobs(KEEP_DAYS) } };
  },
};
