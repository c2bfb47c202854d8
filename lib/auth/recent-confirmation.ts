/** Sensitive changes are open for this long after a sign-in or a password confirmation. */
export const CONFIRM_WINDOW_MINUTES = 15;

export function isRecentlyConfirmed(session: { authenticatedAt: Date }, now = Date.now()): boolean {
  return now - session.authenticatedAt.getTime() < CONFIRM_WINDOW_MINUTES * 60_000;
}
