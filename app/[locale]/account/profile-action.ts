'use server';

import { z } from 'zod';
import { updateProfile } from '@/lib/account/profile';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { phoneRegionField } from '@/lib/actions/form-fields';
import { redirect } from '@/lib/i18n/navigation';
import { toLocale } from '@/lib/i18n/locale';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

export const updateProfileAction = defineFormAction(
  {
    name: 'update profile',
    schema: z.object({ name: z.string(), phone: z.string(), phoneRegion: phoneRegionField, language: z.string() }),
    access: { signedIn: { returnTo: '/account' } },
    errors: 'Profile.errors',
    keep: ['name', 'phone', 'phoneRegion', 'language'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
    const result = await updateProfile(
      session,
      { name: input.name, phone: input.phone, phoneRegion, locale: toLocale(input.language) },
      request.ip,
    );
    if (result.ok) return redirect({ href: { pathname: '/account', query: { changed: 'profile' } }, locale });
    const { problems } = result;
    return fail({
      fieldErrors: {
        name: problems.name && [t(`name.${problems.name}`)],
        phone: problems.phone && [t(`phone.${problems.phone}`)],
      },
    });
  },
);
