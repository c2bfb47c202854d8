import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { PasswordToggleText } from '@/components/password-input';
import type { PhoneRegionOptions } from '@/components/phone-region-select';
import type { CodeFormText, CodeKind } from '@/components/recovery/code-form';
import type { IdentifierRequestText } from '@/components/recovery/identifier-request-form';
import type { NewPasswordText } from '@/components/recovery/new-password-fields';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { defaultPhoneRegion } from '@/lib/phone/chosen-region';
import type { PhoneRegion } from '@/lib/phone/regions';

// The words of the shared client forms, translated on the server and passed as props.

export async function passwordToggleText(
  locale: AppLocale,
  field: 'Current' | 'New' | 'Confirmation',
): Promise<PasswordToggleText> {
  const t = await getTranslations({ locale, namespace: 'PasswordField' });
  return { show: t('show'), hide: t('hide'), showLabel: t(`show${field}`), hideLabel: t(`hide${field}`) };
}

export async function newPasswordText(locale: AppLocale): Promise<NewPasswordText> {
  const t = await getTranslations({ locale, namespace: 'Recovery.password' });
  return {
    newLabel: t('newLabel'),
    confirmLabel: t('confirmLabel'),
    hint: t('hint', { min: env().PASSWORD_MIN_LENGTH }),
    newToggle: await passwordToggleText(locale, 'New'),
    confirmationToggle: await passwordToggleText(locale, 'Confirmation'),
  };
}

export async function identifierRequestText(locale: AppLocale, submit: string): Promise<IdentifierRequestText> {
  const t = await getTranslations({ locale, namespace: 'Recovery' });
  return { identifierLabel: t('identifierLabel'), submit, sending: t('sending') };
}

/** Words of the code form, for an emailed 6-digit code or an admin-issued access code. */
export async function codeFormText(locale: AppLocale, submit: string, kind: CodeKind = 'emailed'): Promise<CodeFormText> {
  const t = await getTranslations({ locale, namespace: 'Recovery' });
  const [label, hint] = kind === 'emailed' ? (['codeLabel', 'codeHint'] as const) : (['accessCodeLabel', 'accessCodeHint'] as const);
  return { identifierLabel: t('identifierLabel'), codeLabel: t(label), codeHint: t(hint), submit, checking: t('checking') };
}

/** The phone country selector: preselected on `known` (a stored number's country), else the default. */
export async function phoneRegionOptions(locale: AppLocale, known?: PhoneRegion | null): Promise<PhoneRegionOptions> {
  const t = await getTranslations({ locale, namespace: 'PhoneRegion' });
  return { label: t('label'), locale, selected: known ?? (await defaultPhoneRegion(locale)) };
}
