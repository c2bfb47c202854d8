'use server';

import { z } from 'zod';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import { addPasskey, passkeyRegistrationOptions, removePasskey } from '@/lib/passkeys/account-passkeys';
import { readRegistrationAnswer } from '@/lib/passkeys/ceremony-answer';
import { hasUnsafeCharacters } from '@/lib/validation/text';

// Adding or removing a way in is a security change: it needs a recent sign-in or confirmation.
const access = { recentlyConfirmed: { returnTo: '/account/passkeys' } };
const NAME_MAX = 60;
const nameField = z
  .string()
  .trim()
  .min(1, 'nameRequired')
  .refine((value) => [...value].length <= NAME_MAX, { message: 'nameTooLong', params: { max: NAME_MAX } })
  .refine((value) => !hasUnsafeCharacters(value), 'nameInvalid');

/** Step one: the name is checked, then the browser gets what it needs to make the passkey. */
export const passkeyOptionsAction = defineFormAction(
  { name: 'passkey options', schema: z.object({ name: nameField }), access, errors: 'Passkeys.errors', keep: ['name'] },
  async ({ session }) => ({ ok: true, data: JSON.stringify(await passkeyRegistrationOptions(session.user)) }),
);

/** Step two: the passkey the browser made, checked and kept. */
export const addPasskeyAction = defineFormAction(
  { name: 'passkey add', schema: z.object({ name: nameField, answer: z.string().max(40_000) }), access, errors: 'Passkeys.errors', keep: ['name'] },
  async ({ input, session, locale, request, t, fail }) => {
    const answer = readRegistrationAnswer(input.answer);
    const added = answer ? await addPasskey(session.user, input.name, answer, request) : ({ ok: false, problem: 'failed' } as const);
    if (!added.ok) return fail({ formError: t(added.problem) });
    return redirect({ href: '/account/passkeys?done=added', locale });
  },
);

export const removePasskeyAction = defineSubmitAction(
  { name: 'passkey remove', schema: z.object({ passkeyId: z.string().max(64) }), access, errors: 'Passkeys.errors' },
  async ({ input, session, locale, request }) => {
    const id = z.uuid().safeParse(input.passkeyId);
    const removed = id.success && (await removePasskey(session.user, id.data, request));
    return redirect({ href: `/account/passkeys?${removed ? 'done=removed' : 'problem=gone'}`, locale });
  },
);
