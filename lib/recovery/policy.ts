export const RECOVERY_PURPOSES = ['password_reset', 'magic_link', 'activation'] as const;

// The recovery request queue (request-email.ts, being moved to lib/jobs on another branch)
// still reads its lifetimes here; they are lib/policy.ts's.
export { MAGIC_LINK_MINUTES, RECOVERY_EMAILS_PER_HOUR, REQUEST_EXPIRY_MINUTES, RESET_CODE_MINUTES, RESET_LINK_MINUTES } from '@/lib/policy';
