/**
 * The statements a password sign-in from a known browser runs, with the name Drizzle asks for
 * when it prepares one (postgres.js keys its statements by their text, not by this name).
 * Unprepared, postgres.js sends a query with parameters in two round trips (PostgreSQL describes
 * it, then runs it) and PostgreSQL parses and plans it every time: under the bench's sign-in
 * load, planning these four took 1.5 of PostgreSQL's 4.3 ms CPU a sign-in, more than running
 * them. Prepared, each is described and parsed once per connection and then runs in one round
 * trip; after five runs PostgreSQL may keep one generic plan for it.
 *
 * Only these are prepared. A generic plan suits a lookup by key; the admin's lists and searches
 * keep being planned for what they are asked, since their best plan depends on it.
 */
export const SIGN_IN_STATEMENTS = {
  findUserForSignIn: 'find_user_for_sign_in',
  reserveAttempt: 'reserve_attempt',
  clearAttempts: 'clear_attempts',
  recordSignIn: 'record_sign_in',
} as const;
