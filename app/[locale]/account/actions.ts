'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/auth';
import { getCurrentSession, requireSession } from '@/lib/auth/current-session';
import { endSession, revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sign-out';
import { toLocale } from '@/lib/i18n/locale';
import { requestInfo } from '@/lib/request-info';

export async function signOutAction(boundLocale: string): Promise<void> {
  const locale = toLocale(boundLocale);
  const session = await getCurrentSession();
  if (session) await endSession(session.token, (await requestInfo()).ip);
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=1`);
}

const sessionIdForm = z.object({ sessionId: z.uuid() });

export async function revokeSessionAction(boundLocale: string, form: FormData): Promise<void> {
  const locale = toLocale(boundLocale);
  const session = await requireSession(locale, `/${locale}/account`);
  const parsed = sessionIdForm.safeParse({ sessionId: form.get('sessionId') });
  const revoked =
    parsed.success && parsed.data.sessionId !== session.sessionId
      ? await revokeOwnSession(session.user.id, parsed.data.sessionId, (await requestInfo()).ip)
      : false;
  redirect(`/${locale}/account?sessions=${revoked ? 'revoked' : 'missing'}#sessions`);
}

export async function revokeOtherSessionsAction(boundLocale: string): Promise<void> {
  const locale = toLocale(boundLocale);
  const session = await requireSession(locale, `/${locale}/account`);
  const count = await revokeOtherSessions(session.user.id, session.sessionId, (await requestInfo()).ip);
  redirect(`/${locale}/account?revokedOthers=${count}#sessions`);
}
