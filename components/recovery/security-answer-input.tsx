/**
 * The answer to a security question, typed when it is chosen and when it is asked. Not
 * remembered by the browser: it is a secret, and autofill would hand it to anyone at the keyboard.
 */
export function SecurityAnswerInput({
  label,
  hint,
  defaultValue,
  autoFocus = false,
  invalid = false,
  errorsId,
}: {
  label: string;
  hint: string;
  defaultValue?: string;
  autoFocus?: boolean;
  invalid?: boolean;
  errorsId: string;
}) {
  return (
    <>
      <label htmlFor="answer">{label}</label>
      <input
        id="answer"
        name="answer"
        type="text"
        autoComplete="off"
        required
        autoFocus={autoFocus}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={`answer-hint ${errorsId}`}
      />
      <p id="answer-hint" className="muted">
        {hint}
      </p>
    </>
  );
}
