'use server';

import type { FormState } from '@/components/recovery/form-state';
import { formInput } from '@/lib/actions/form-input';
import { requestEmail } from '../request-email';

export async function requestPasswordResetAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  return requestEmail('password_reset', '/reset-password/code?sent=1', form);
}
