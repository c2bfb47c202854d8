import { FormError } from '@/components/form-error';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';

/** The current password, asked with a change that needs it; posted as `password`. */
export interface PasswordCheckField {
  label: string;
  toggle: PasswordToggleText;
}

/** The field and, under it, its error line (`{id}-error`). */
export function PasswordCheck({ id, field, error }: { id: string; field: PasswordCheckField; error: string | undefined }) {
  return (
    <>
      <label htmlFor={id}>{field.label}</label>
      <PasswordInput
        id={id}
        name="password"
        required
        autoComplete="current-password"
        maxLength={1024}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        toggle={field.toggle}
      />
      <FormError id={`${id}-error`} message={error} />
    </>
  );
}
