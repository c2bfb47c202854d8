/**
 * A form's one-line error. The element is always there, so a screen reader announces the
 * message when it appears (polite: it waits for the person to finish what they are doing).
 */
export function FormError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="error" aria-live="polite">
      {message}
    </p>
  );
}
