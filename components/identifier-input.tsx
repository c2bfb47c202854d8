/**
 * The "email, username or phone number" field, shaped for password managers and phones alike
 * (no auto-capitalisation or spell-check on an identifier).
 */
export function IdentifierInput({
  label,
  defaultValue,
  autoFocus = false,
  invalid = false,
  describedBy,
  passkeys = false,
}: {
  label: string;
  defaultValue?: string;
  autoFocus?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** Offers the browser's saved passkeys in the field's suggestions (sign-in only). */
  passkeys?: boolean;
}) {
  return (
    <>
      <label htmlFor="identifier">{label}</label>
      <input
        id="identifier"
        name="identifier"
        type="text"
        autoComplete={passkeys ? 'username webauthn' : 'username'}
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus={autoFocus}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
    </>
  );
}
