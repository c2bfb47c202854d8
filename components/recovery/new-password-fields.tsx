'use client';

import { useTranslations } from 'next-intl';
import { FieldErrors } from './field-errors';

/** New password and its confirmation, with the policy stated up front and problems below. */
export function NewPasswordFields({ minLength, errors }: { minLength: number; errors?: string[] }) {
  const t = useTranslations('Recovery.password');
  return (
    <>
      <label htmlFor="password">{t('newLabel')}</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        maxLength={128}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby="password-hint password-errors"
      />
      <p id="password-hint" className="muted">
        {t('hint', { min: minLength })}
      </p>
      <label htmlFor="confirmation">{t('confirmLabel')}</label>
      <input id="confirmation" name="confirmation" type="password" autoComplete="new-password" required />
      <FieldErrors id="password-errors" errors={errors} />
    </>
  );
}
