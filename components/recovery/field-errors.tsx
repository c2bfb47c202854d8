/** A field's problems, announced to screen readers when they appear. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <ul id={id} className="error field-errors" aria-live="polite" role={errors?.length ? 'alert' : undefined}>
      {errors?.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}
