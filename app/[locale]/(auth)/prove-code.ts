import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { FormState } from '@/components/recovery/form-state';
import { toLocale } from '@/lib/i18n/locale';
import { exchangeEmailedCode } from '@/lib/recovery/emailed-code';
import { requestInfo } from '@/lib/request-info';
import { field, identifierField, type IdentifierError } from './form-fields';

/** Checks an emailed code; a good one becomes a link token the next step can use. */
export async function proveCode(
  purpose: 'password_reset' | 'magic_link',
  form: FormData,
): Promise<{ ok: true; token: string } | { ok: false; state: FormState }> {
  const locale = toLocale(form.get('locale'));
  const t = await getTranslations({ locale, namespace: 'Recovery.errors' });
  const values = { identifier: field(form, 'identifier'), code: field(form, 'code') };
  const identifier = identifierField.safeParse(values.identifier);
  if (!identifier.success) return { ok: false, state: { error: t(identifier.error.issues[0]?.message as IdentifierError), values } };
  if (values.code.trim() === '') return { ok: false, state: { error: t('codeRequired'), values } };
  try {
    const token = await exchangeEmailedCode({ purpose, identifier: identifier.data, code: values.code, ip: (await requestInfo()).ip });
    return token ? { ok: true, token } : { ok: false, state: { error: t('codeInvalid'), values } };
  } catch (error) {
    console.error('code check failed:', error instanceof Error ? error.name : 'unknown error');
    return { ok: false, state: { error: t('unavailable'), values } };
  }
}
