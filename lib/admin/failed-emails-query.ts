import { z } from 'zod';

export const FAILED_EMAILS_PAGE_SIZE = 25;

// Read leniently, like the other admin lists: a stale or mistyped address shows the newest page.
const listQuery = z.object({
  after: z.uuid().optional().catch(undefined),
  before: z.uuid().optional().catch(undefined),
  confirm: z.uuid().optional().catch(undefined),
  done: z.literal('retried').optional().catch(undefined),
  problem: z.enum(['linkGone', 'notFound']).optional().catch(undefined),
});

type Raw = Record<string, string | string[] | undefined>;

/** The failed-emails list's address: its page (after or before an email), the email being confirmed, and how the last retry went. */
export function readFailedEmailsQuery(raw: Raw) {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const query = listQuery.parse(single);
  return { ...query, after: query.before ? undefined : query.after, pageSize: FAILED_EMAILS_PAGE_SIZE };
}

/** The page's place in the list as the address carries it, when it is not the newest page. */
export function failedEmailsPlace(page: { after?: string; before?: string }): Record<string, string> {
  const place = z.uuid();
  if (page.after && place.safeParse(page.after).success) return { after: page.after };
  if (page.before && place.safeParse(page.before).success) return { before: page.before };
  return {};
}
