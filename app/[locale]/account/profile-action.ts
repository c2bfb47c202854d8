'use server';

import { z } from 'zod';
import { updateProfile } from '@/lib/account/profile';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { phoneRegionField } from '@/lib/actions/form-fields';
import { redirect } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

export const updateProfileAction = defineFormAction(
  {
    name: 'update profile',
    // A language outside the list is refused: read as the default, it would switch a person's emails to English.
    schema: z.object({ name: z.string(), phone: z.string(), phoneRegion: phoneRegionField, language: z.enum(routing.locales, 'language.invalid') }),
    access: { signedIn: { returnTo: '/account' } },
    errors: 'Profile.errors',
    keep: ['name', 'phone', 'phoneRegion', 'language'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
    const result = await updateProfile(
      session,
      { name: input.name, phone: input.phone, phoneRegion, locale: input.language },
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
