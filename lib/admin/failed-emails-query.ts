import { z } from 'zod';

export const FAILED_EMAILS_PAGE_SIZE = 25;

// Read leniently, like the other admin lists: a stale or mistyped address shows the first page.
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  confirm: z.uuid().optional().catch(undefined),
  done: z.literal('retried').optional().catch(undefined),
  problem: z.enum(['linkGone', 'notFound']).optional().catch(undefined),
});

type Raw = Record<string, string | string[] | undefined>;

/** The failed-emails list's address: its page, the email being confirmed, and how the last retry went. */
export function readFailedEmailsQuery(raw: Raw) {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return { ...listQuery.parse(single), pageSize: FAILED_EMAILS_PAGE_SIZE };
}
