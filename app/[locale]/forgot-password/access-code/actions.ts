'use server';

import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { identifierField, phoneRegionField } from '@/lib/actions/form-fields';
import { redirect } from '@/lib/i18n/navigation';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';
import { redeemAccessCode } from '@/lib/recovery/access-code';

const accessCodeForm = z.object({
  identifier: identifierField,
  phoneRegion: phoneRegionField,
  code: z.string().trim().min(1, 'accessCodeRequired').max(40, 'accessCodeInvalid'),
});

/** A good access code becomes a reset link token, and the reset goes on as after an email. */
export const accessCodeAction = defineFormAction(
  { name: 'access code', schema: accessCodeForm, access: 'public', errors: 'Recovery.errors', keep: ['identifier', 'phoneRegion', 'code'] },
  async ({ input, locale, request, t, fail }) => {
    const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
    const token = await redeemAccessCode({ identifier: input.identifier, phoneRegion, code: input.code, locale, ip: request.ip });
    if (token) return redirect({ href: { pathname: '/reset-password', query: { token } }, locale });
    return fail({ fieldErrors: { code: [t('accessCodeInvalid')] } });
  },
);
