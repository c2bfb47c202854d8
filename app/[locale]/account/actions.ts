'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/auth';
import { formInput } from '@/lib/actions/form-input';
import { getCurrentSession, requireSession } from '@/lib/auth/current-session';
import { endSession, revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sign-out';
import { toLocale } from '@/lib/i18n/locale';
import { requestInfo } from '@/lib/request-info';

export async function signOutAction(posted: FormData): Promise<void> {
  const locale = toLocale(formInput(posted).get('locale'));
  const session = await getCurrentSession();
  if (session) await endSession(session.token, (await requestInfo()).ip);
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=1`);
}

const sessionIdForm = z.object({ sessionId: z.uuid() });

export async function revokeSessionAction(posted: FormData): Promise<void> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const session = await requireSession(locale, `/${locale}/account`);
  const parsed = sessionIdForm.safeParse({ sessionId: form.get('sessionId') });
  const revoked =
    parsed.success && parsed.data.sessionId !== session.sessionId
      ? await revokeOwnSession(session.user.id, parsed.data.sessionId, (await requestInfo()).ip)
      : false;
  redirect(`/${locale}/account?sessions=${revoked ? 'revoked' : 'missing'}#sessions`);
}

export async function revokeOtherSessionsAction(posted: FormData): Promise<void> {
  const locale = toLocale(formInput(posted).get('locale'));
  const session = await requireSession(locale, `/${locale}/account`);
  const count = await revokeOtherSessions(session.user.id, session.sessionId, (await requestInfo()).ip);
  redirect(`/${locale}/account?revokedOthers=${count}#sessions`);
}
