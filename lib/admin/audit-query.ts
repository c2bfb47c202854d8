import { z } from 'zod';
import { auditEventNames } from '@/lib/db/audit';
import type { AuditLogQuery } from '@/lib/admin/audit-log';

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day as a date input sends it; the instant its UTC day starts, if it is one. */
const day = z
  .string()
  .trim()
  .transform((text, context) => {
    if (text === '') return undefined;
    const start = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
    // Date rolls 2026-02-30 over to March: only a day that reads back the same is one.
    if (!start || Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== text) {
      context.addIssue({ code: 'custom', message: 'invalidDate' });
      return z.NEVER;
    }
    return start;
  });

// Text filters and the event are read leniently, like the users list's address; the dates are
// what a person typed, so a wrong one is said rather than quietly dropped.
const logQuery = z.object({
  actor: z.string().trim().max(200).catch(''),
  target: z.string().trim().max(200).catch(''),
  event: z.enum(auditEventNames).optional().catch(undefined),
  from: day.optional(),
  to: day.optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export type AuditDateProblem = 'invalidDate' | 'reversedRange';

/** The filters as the form shows them back: exactly as typed. */
export interface AuditFilters {
  actor: string;
  target: string;
  event: string;
  from: string;
  to: string;
}

type Raw = Record<string, string | string[] | undefined>;

/**
 * The audit log's address, read: the query for the database (dates as UTC days, "to"
 * included), the filters as typed, and what is wrong with the dates, if anything — then the
 * log shows nothing rather than events from a range nobody asked for.
 */
export function readAuditLogQuery(raw: Raw): { query: AuditLogQuery; filters: AuditFilters; problem?: AuditDateProblem } {
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const text = (key: string) => (typeof single[key] === 'string' ? single[key] : '');
  const lenient = logQuery.omit({ from: true, to: true }).parse(single);
  const filters: AuditFilters = { actor: lenient.actor, target: lenient.target, event: lenient.event ?? '', from: text('from').trim(), to: text('to').trim() };
  const query: AuditLogQuery = {
    actor: lenient.actor || undefined,
    target: lenient.target || undefined,
    event: lenient.event,
    before: lenient.before,
    after: lenient.before === undefined ? lenient.after : undefined,
    limit: AUDIT_PAGE_SIZE,
  };
  const dates = logQuery.pick({ from: true, to: true }).safeParse({ from: filters.from, to: filters.to });
  if (!dates.success) return { query, filters, problem: 'invalidDate' };
  const { from, to } = dates.data;
  if (from && to && to < from) return { query, filters, problem: 'reversedRange' };
  return { query: { ...query, since: from, until: to && new Date(to.getTime() + DAY_MS) }, filters };
}

/** The log's address for the same filters at another page (no page: the newest). */
export function auditLogHref(filters: AuditFilters, page: { before?: number; after?: number } = {}) {
  const params: Record<string, string> = {};
  for (const key of ['actor', 'target', 'event', 'from', 'to'] as const) if (filters[key]) params[key] = filters[key];
  if (page.before !== undefined) params.before = String(page.before);
  else if (page.after !== undefined) params.after = String(page.after);
  return { pathname: '/admin/audit', query: params } as const;
}
