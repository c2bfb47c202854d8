'use server';

import type { FormState } from '@/components/recovery/form-state';
import { requestEmail } from '../request-email';

export async function requestPasswordResetAction(_state: FormState, form: FormData): Promise<FormState> {
  return requestEmail('password_reset', '/reset-password/code?sent=1', form);
}
