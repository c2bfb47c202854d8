import 'server-only';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import type { NewPasswordProblem } from '@/lib/passwords/password-change';
import { MAX_PASSWORD_LENGTH } from '@/lib/passwords/password-policy';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { toPhoneRegion } from '@/lib/phone/regions';
import { hasUnsafeCharacters } from '@/lib/validation/text';

/** The "email, username or phone" field of every sign-in and recovery form. */
export const identifierField = z
  .string()
  .trim()
  .min(1, 'identifierRequired')
  .max(254, 'identifierTooLong')
  .refine((value) => !hasUnsafeCharacters(value), 'identifierInvalid');
export type IdentifierError = 'identifierRequired' | 'identifierTooLong' | 'identifierInvalid';

/** The token of an emailed link, as `newLinkToken` makes them: 256 bits in base64url. */
export const linkTokenField = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * The country chosen beside a phone field. Anything else — missing, unknown, tampered with —
 * reads as no choice (null), which `choosePhoneRegion` turns into the page's default: a
 * country is never a reason to refuse a form.
 */
export const phoneRegionField = z.string().transform(toPhoneRegion);

/** A password typed to sign in: no password here is longer than the policy allows. */
export const currentPasswordField = z
  .string()
  .min(1, 'passwordRequired')
  .refine((value) => [...value.normalize('NFKC')].length <= MAX_PASSWORD_LENGTH, {
    message: 'passwordTooLong',
    params: { max: MAX_PASSWORD_LENGTH },
  });
export type CurrentPasswordError = 'passwordRequired' | 'passwordTooLong';

/** A new password's problems under the field they concern: the confirmation's under its own. */
export async function newPasswordErrors(
  locale: AppLocale,
  problems: NewPasswordProblem[],
): Promise<{ password?: string[]; confirmation?: string[] }> {
  const t = await getTranslations({ locale, namespace: 'Recovery.password.problems' });
  const limits = { min: env().PASSWORD_MIN_LENGTH, max: MAX_PASSWORD_LENGTH };
  const say = (list: NewPasswordProblem[]) => (list.length > 0 ? list.map((problem) => t(problem, limits)) : undefined);
  return {
    password: say(problems.filter((problem) => problem !== 'mismatch')),
    confirmation: say(problems.filter((problem) => problem === 'mismatch')),
  };
}
