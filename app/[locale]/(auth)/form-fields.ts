import 'server-only';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import type { NewPasswordProblem } from '@/lib/auth/password-change';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';

/** The "email, username or phone" field of every sign-in and recovery form. */
export const identifierField = z.string().trim().min(1, 'identifierRequired').max(254, 'identifierTooLong');
export type IdentifierError = 'identifierRequired' | 'identifierTooLong';

/** A form field as text; a missing field or a file is an empty string. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export async function passwordMessages(locale: AppLocale, problems: NewPasswordProblem[]): Promise<string[]> {
  const t = await getTranslations({ locale, namespace: 'Recovery.password.problems' });
  return problems.map((problem) => t(problem, { min: env().PASSWORD_MIN_LENGTH }));
}
