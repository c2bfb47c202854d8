import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { db, type Executor } from './client';

/**
 * Lists count their rows exactly up to this many. Past it they show PostgreSQL's own estimate
 * ("about 120,000"): counting a million matching rows for one number would cost more than the
 * page itself, and nobody reads the last digits of such a number.
 */
export const EXACT_COUNT_LIMIT = 10_000;
/**
 * A substring search is checked row by row, and a common one ("example.com") matches most
 * rows: its exact count stops sooner. Where the planner expects many matches it reads the
 * table in order rather than the trigram indexes; at a million accounts, counting a common
 * last name's first 1,001 matches that way took 81 ms, its first 201 36 ms, its first 101
 * 17 ms. Four pages of matches are as many as a search is read for before it is narrowed.
 */
export const EXACT_SEARCH_COUNT_LIMIT = 100;

/** How many rows match: `exact`, `about` (the planner's estimate) or `atLeast` (more than the limit, estimate lower). */
export type RowCount = { value: number; relation: 'exact' | 'about' | 'atLeast' };

/** The rows of a query, from either driver (postgres.js answers an array, PGlite `{ rows }`). */
export async function rowsOf<Row>(query: SQL, executor: Executor = db()): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Two significant digits: an estimate shown to the last unit would claim a precision it has not. */
function roundEstimate(value: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.round(value / unit) * unit;
}

/** The rows of `table` matching `where`, counted up to `limit`, estimated past it. */
export async function countRows(table: PgTable, where: SQL | undefined, limit: number, executor: Executor = db()): Promise<RowCount> {
  const matching = sql`select 1 from ${table}${where ? sql` where ${where}` : sql``}`;
  const [counted] = await rowsOf<{ count: number }>(sql`select count(*)::int as count from (${matching} limit ${limit + 1}) counted`, executor);
  const count = Number(counted?.count ?? 0);
  if (count <= limit) return { value: count, relation: 'exact' };
  const [explained] = await rowsOf<{ 'QUERY PLAN': unknown }>(sql`explain (format json) ${matching}`, executor);
  const plan = typeof explained?.['QUERY PLAN'] === 'string' ? JSON.parse(explained['QUERY PLAN']) : explained?.['QUERY PLAN'];
  const estimate = Number((plan as Array<{ Plan?: { 'Plan Rows'?: number } }>)?.[0]?.Plan?.['Plan Rows'] ?? 0);
  return estimate > limit ? { value: roundEstimate(estimate), relation: 'about' } : { value: limit, relation: 'atLeast' };
}
