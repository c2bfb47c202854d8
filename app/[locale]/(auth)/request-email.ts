import 'server-only';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { FormState } from '@/components/recovery/form-state';
import { toLocale } from '@/lib/i18n/locale';
import { rememberIdentifier } from '@/lib/recovery/identifier-cookie';
import { requestEmailedLink, type EmailedRequest } from '@/lib/recovery/request-email';
import { requestInfo } from '@/lib/request-info';
import { field, identifierField, type IdentifierError } from './form-fields';

/**
 * Shared by "forgot password", "sign-in link" and "new activation link": whoever the
 * identifier belongs to, the person lands on the same page with the same words.
 */
export async function requestEmail(kind: EmailedRequest, next: string, form: FormData): Promise<FormState> {
  const locale = toLocale(form.get('locale'));
  const typed = field(form, 'identifier');
  const parsed = identifierField.safeParse(typed);
  if (!parsed.success) {
    const t = await getTranslations({ locale, namespace: 'Recovery.errors' });
    return { error: t(parsed.error.issues[0]?.message as IdentifierError), values: { identifier: typed } };
  }
  try {
    await requestEmailedLink({ kind, identifier: parsed.data, locale, ip: (await requestInfo()).ip });
    await rememberIdentifier(parsed.data);
  } catch (error) {
    console.error('recovery request failed:', error instanceof Error ? error.name : 'unknown error');
    const t = await getTranslations({ locale, namespace: 'Recovery.errors' });
    return { error: t('unavailable'), values: { identifier: typed } };
  }
  redirect(`/${locale}${next}`);
}
