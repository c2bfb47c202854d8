import { CONFIRM_WINDOW_MINUTES } from '@/lib/policy';


export function isRecentlyConfirmed(session: { authenticatedAt: Date }, now = Date.now()): boolean {
  return now - session.authenticatedAt.getTime() < CONFIRM_WINDOW_MINUTES * 60_000;
}
