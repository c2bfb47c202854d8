import { redirect } from 'next/navigation';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { answeringOutages } from '@/lib/http/outage-answer';
import { toLocale } from '@/lib/i18n/locale';
import { startCompanySignIn } from '@/lib/sso/company-sign-in';
import { companySignInFor } from '@/lib/auth/sso-domain-policy';
import { putTripInCookie } from '@/lib/sso/trip-cookie';

const query = z.object({ identifier: z.string().max(254), locale: z.string().max(8), callbackUrl: z.string().max(512).optional() });

/**
 * "Continue to your company's sign-in": a link, not a form, because the answer leaves the site
 * and the pages' `form-action 'self'` would stop a form's redirect there. Leaving starts
 * nothing but a trip record, so a link that anyone could make is harmless.
 */
export const GET = answeringOutages(
  (request: NextRequest) => toLocale(request.nextUrl.searchParams.get('locale') ?? ''),
  async (request: NextRequest) => {
    const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    const locale = toLocale(parsed.success ? parsed.data.locale : '');
    const back = (search: string) => redirect(`/${locale}/login${search}`);
    if (!parsed.success) return back('');
    const company = await companySignInFor(parsed.data.identifier);
    if (!company) return back('');
    const started = await startCompanySignIn({
      connectionId: company.connectionId,
      locale,
      loginHint: parsed.data.identifier,
      callbackPath: safeCallbackPath(parsed.data.callbackUrl, locale),
    });
    if (!started.ok) return back(`/sso?problem=unavailable&identifier=${encodeURIComponent(parsed.data.identifier)}`);
    await putTripInCookie(started.binding);
    return NextResponse.redirect(started.url, 303);
  },
);
