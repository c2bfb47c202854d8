'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { createUserByAdmin } from '@/lib/admin/create-user';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { phoneRegionField } from '@/lib/actions/form-fields';
import { locales } from '@/lib/db/schema';
import { redirect } from '@/lib/i18n/navigation';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

const text = z.string().max(1000, 'tooLong');

const newUserForm = z.object({
  name: text,
  email: text,
  username: text,
  phone: text,
  phoneRegion: phoneRegionField,
  role: z.string().max(20, 'role.invalid'),
  // Absent for managers: their accounts join their own team whatever is posted.
  teamId: z.string().max(64, 'team.invalid').optional(),
  // A tampered choice is refused, never read as English: the welcome email would go out in it.
  language: z.enum(locales, 'locale.invalid'),
});

export const createUserAction = defineFormAction(
  {
    name: 'admin create user',
    schema: newUserForm,
    access: { permission: { action: 'users.create', returnTo: '/admin/users/new' } },
    errors: 'Admin.create.errors',
    keep: ['name', 'email', 'username', 'phone', 'phoneRegion', 'role', 'teamId', 'language'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
    const result = await createUserByAdmin(
      session.user,
      { ...input, teamId: input.teamId ?? '', phoneRegion, locale: input.language },
      request,
    );
    if (result.ok) return redirect({ href: { pathname: `/admin/users/${result.id}`, query: { done: 'created' } }, locale });
    if (result.problems === 'forbidden') notFound();
    const fieldErrors: Record<string, string[]> = {};
    for (const problem of result.problems) {
      const name = problem.field === 'team' ? 'teamId' : problem.field === 'locale' ? 'language' : problem.field;
      (fieldErrors[name] ??= []).push(t(`${problem.field}.${problem.code}` as 'email.invalid'));
    }
    return fail({ fieldErrors });
  },
);
