import 'server-only';
import { isRecentlyConfirmed } from '@/lib/auth/recent-confirmation';
import { normalisePhone } from '@/lib/auth/identifiers';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { phoneTakenByOther, updateProfileFields, type PublicUser } from '@/lib/db/users';
import type { AppLocale } from '@/lib/i18n/routing';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import type { PhoneRegion } from '@/lib/phone/regions';
import { MAX_LENGTH } from '@/lib/users/create-user';
import { checkDisplayName, type DisplayNameProblem } from '@/lib/validation/display-name';

export type ProfileProblems = { name?: DisplayNameProblem; phone?: 'invalid' | 'taken' | 'needsConfirmation' };

/**
 * Name, phone and preferred language (emails follow it from now on). The phone is a way to
 * sign in, so changing it needs a recent sign-in or confirmation, like the other credentials.
 */
export async function updateProfile(
  session: { authenticatedAt: Date; user: PublicUser },
  input: { name: string; phone: string; phoneRegion?: PhoneRegion; locale: AppLocale },
  ip: string | null,
): Promise<{ ok: true } | { ok: false; problems: ProfileProblems }> {
  const { user } = session;
  const problems: ProfileProblems = {};
  const name = checkDisplayName(input.name, MAX_LENGTH.name);
  if (!name.ok) problems.name = name.problem;
  const typed = input.phone.trim();
  const phone = typed ? normalisePhone(typed, input.phoneRegion ?? siteDefaultRegion()) : null;
  if (typed && !phone) problems.phone = 'invalid';
  else if (phone !== user.phone && !isRecentlyConfirmed(session)) problems.phone = 'needsConfirmation';
  else if (phone && phone !== user.phone && (await phoneTakenByOther(user.id, phone))) problems.phone = 'taken';
  if (Object.keys(problems).length > 0 || !name.ok) return { ok: false, problems };

  const changed = [
    name.name !== user.name && 'name',
    phone !== user.phone && 'phone',
    input.locale !== user.locale && 'locale',
  ].filter((field): field is string => !!field);
  if (changed.length === 0) return { ok: true };
  await db().transaction(async (tx) => {
    await updateProfileFields(user.id, { name: name.name, phone, locale: input.locale }, tx);
    await recordAudit({ event: 'profile.updated', actorUserId: user.id, targetUserId: user.id, ip, detail: { fields: changed.join(',') } }, tx);
  });
  return { ok: true };
}
