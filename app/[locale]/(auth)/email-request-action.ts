import 'server-only';
import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import { rememberIdentifier } from '@/lib/recovery/identifier-cookie';
import { requestEmailedLink, type EmailedRequest } from '@/lib/recovery/request-email';
import { identifierField, phoneRegionField } from '@/lib/actions/form-fields';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

const requestForm = z.object({ identifier: identifierField, phoneRegion: phoneRegionField });

/**
 * "Forgot password", "sign-in link" and "new activation link": whoever the identifier belongs
 * to, the person lands on the same page with the same words.
 */
export function emailRequestAction(kind: EmailedRequest, next: { pathname: string; query: Record<string, string> }) {
  return defineFormAction(
    { name: kind, schema: requestForm, access: 'public', errors: 'Recovery.errors', keep: ['identifier', 'phoneRegion'] },
    async ({ input, locale, request }) => {
      const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
      await requestEmailedLink({ kind, identifier: input.identifier, phoneRegion, locale, ip: request.ip });
      await rememberIdentifier(input.identifier);
      return redirect({ href: next, locale });
    },
  );
}
