/**
 * The statements every password sign-in runs, by the name each is prepared under. PostgreSQL
 * parses and plans a prepared statement once per connection (postgres.js keeps it by its text)
 * instead of on every sign-in: under the bench's sign-in load, planning these four took a third
 * of PostgreSQL's CPU (1.5 of 4.3 ms a sign-in), more than running them.
 *
 * Only these are prepared. After a few runs PostgreSQL may keep one generic plan for a prepared
 * statement, which suits a lookup by key; the admin's lists and searches keep being planned for
 * what they are asked, since their best plan depends on it. A connection pooler in front of the
 * database must keep prepared statements (PgBouncer: `max_prepared_statements`, 1.21 and later).
 */
export const SIGN_IN_STATEMENTS = {
  findUserForSignIn: 'find_user_for_sign_in',
  reserveAttempt: 'reserve_attempt',
  clearAttempts: 'clear_attempts',
  recordSignIn: 'record_sign_in',
} as const;
