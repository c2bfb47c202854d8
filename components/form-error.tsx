/** A form's one-line error, announced when it appears; empty (and hidden) otherwise. */
export function FormError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="error" aria-live="polite" role={message ? 'alert' : undefined}>
      {message}
    </p>
  );
}
