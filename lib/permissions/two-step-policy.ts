import 'server-only';
import type { Role } from '@/lib/db/schema';
import { env } from '@/lib/env';

/**
 * Whether an account holds power over others' accounts without the 2-step verification the
 * policy asks of it: it may then neither enter the admin area nor use its access keys.
 */
export function lacksRequiredTwoStep(user: { role: Role; totpEnabledAt: Date | null; emailOtpEnabled: boolean }): boolean {
  const accountsPower = user.role === 'admin' || user.role === 'manager';
  return accountsPower && env().ADMIN_REQUIRE_TWO_STEP && !user.totpEnabledAt && !user.emailOtpEnabled;
}
