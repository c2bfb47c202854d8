import 'server-only';
import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import { rememberIdentifier } from '@/lib/recovery/identifier-cookie';
import { requestEmailedLink, type EmailedRequest } from '@/lib/recovery/request-email';
import { identifierField, phoneRegionField } from '@/lib/actions/form-fields';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';
import { companySignInEnforced } from '@/lib/auth/sso-domain-policy';

const requestForm = z.object({ identifier: identifierField, phoneRegion: phoneRegionField });

/**
 * "Forgot password", "sign-in link" and "new activation link": whoever the identifier belongs
 * to, the person lands on the same page with the same words.
 */
export function emailRequestAction(kind: EmailedRequest, next: { pathname: string; query: Record<string, string> }) {
  return defineFormAction(
    { name: kind, schema: requestForm, access: 'public', errors: 'Recovery.errors', keep: ['identifier', 'phoneRegion'] },
    async ({ input, locale, request }) => {
      // An address whose company enforces its own sign-in has nothing to reset here: the page
      // says so and sends the person there (it tells about the domain, not about an account).
      if (await companySignInEnforced(input.identifier)) {
        return redirect({ href: { pathname: '/login/sso', query: { identifier: input.identifier, from: 'recovery' } }, locale });
      }
      const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
      await requestEmailedLink({ kind, identifier: input.identifier, phoneRegion, locale, ip: request.ip });
      await rememberIdentifier(input.identifier);
      return redirect({ href: next, locale });
    },
  );
}
