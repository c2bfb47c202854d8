import 'server-only';
import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import type { AppLocale } from '@/lib/i18n/routing';
import { exchangeEmailedCode } from '@/lib/recovery/emailed-code';
import { identifierField, phoneRegionField } from '@/lib/actions/form-fields';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

const codeForm = z.object({ identifier: identifierField, phoneRegion: phoneRegionField, code: z.string().trim().min(1, 'codeRequired') });

/** The 6-digit code from an email: a good one becomes a link token that `proven` carries on with. */
export function codeAction(purpose: 'password_reset' | 'magic_link', proven: (token: string, locale: AppLocale) => Promise<never>) {
  return defineFormAction(
    { name: `${purpose} code`, schema: codeForm, access: 'public', errors: 'Recovery.errors', keep: ['identifier', 'phoneRegion', 'code'] },
    async ({ input, locale, request, t, fail }) => {
      const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
      const token = await exchangeEmailedCode({ purpose, identifier: input.identifier, phoneRegion, code: input.code, ip: request.ip });
      if (token) return proven(token, locale);
      return fail({ fieldErrors: { code: [t('codeInvalid')] } });
    },
  );
}
