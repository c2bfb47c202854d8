import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { knownDevices } from '@/lib/auth/device-cookie';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { requestInfo } from '@/lib/request-info';
import { finishCompanySignIn } from '@/lib/sso/company-sign-in';
import { takeTripFromCookie } from '@/lib/sso/trip-cookie';
import { toLocale } from '@/lib/i18n/locale';

/** Where every company provider sends people back, in any language: the trip knows theirs. */
export async function GET(request: NextRequest) {
  const binding = await takeTripFromCookie();
  const result = await finishCompanySignIn(new URL(request.url), binding, { ...(await requestInfo()), knownDevices: await knownDevices() });
  if (result.ok) return goToNextStage(result.outcome, result.locale, result.callbackPath);
  // A trip nobody started here has no language of its own: the browser's last one, else English.
  const locale = result.locale ?? toLocale(request.cookies.get('NEXT_LOCALE')?.value ?? '');
  return redirect(`/${locale}/login/sso?problem=${result.problem}`);
}
