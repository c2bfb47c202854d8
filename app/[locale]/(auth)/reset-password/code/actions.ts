'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/components/recovery/form-state';
import { formInput } from '@/lib/actions/form-input';
import { toLocale } from '@/lib/i18n/locale';
import { proveCode } from '../../prove-code';

export async function resetCodeAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  const result = await proveCode('password_reset', form);
  if (!result.ok) return result.state;
  redirect(`/${toLocale(form.get('locale'))}/reset-password?token=${result.token}`);
}
