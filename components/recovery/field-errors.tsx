/** A field's problems, announced to screen readers when they appear. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" role={errors?.length ? 'alert' : undefined}>
      {errors && errors.length > 0 && (
        <ul className="error field-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
