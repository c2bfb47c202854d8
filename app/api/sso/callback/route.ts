import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { knownDevices } from '@/lib/auth/device-cookie';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { requestInfo } from '@/lib/request-info';
import { answeringOutages } from '@/lib/http/outage-answer';
import { finishCompanySignIn, languageOfTrip } from '@/lib/sso/company-sign-in';
import { takeTripFromCookie } from '@/lib/sso/trip-cookie';
import { toLocale } from '@/lib/i18n/locale';

// A trip nobody started here has no language of its own: the browser's last one, else English.
const lastLocale = (request: NextRequest) => toLocale(request.cookies.get('NEXT_LOCALE')?.value ?? '');

/** Where every company provider sends people back, in any language: the trip knows theirs. */
export const GET = answeringOutages(
  (request: NextRequest) => languageOfTrip(request.nextUrl.searchParams.get('state')) ?? lastLocale(request),
  async (request: NextRequest) => {
    const binding = await takeTripFromCookie();
    const result = await finishCompanySignIn(new URL(request.url), binding, { ...(await requestInfo()), knownDevices: await knownDevices() });
    if (result.ok) return goToNextStage(result.outcome, result.locale, result.callbackPath);
    return redirect(`/${result.locale ?? lastLocale(request)}/login/sso?problem=${result.problem}`);
  },
);
