/**
 * What every form's server action answers. On failure: localized messages (one for the form,
 * and per field) and what was typed, so nothing is lost; `attempt` is new with every answer
 * (React resets a form after its action and a reset select loses its choice: keying the form
 * on it remounts the form with what was typed instead). `data` carries what the next step of
 * a form needs, such as the identifier between the two sign-in steps.
 */
export type FormResult<Data = undefined> =
  | { ok: true; data: Data }
  | {
      ok: false;
      formError?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, string>;
      attempt?: string;
      data?: Data;
    };

/** Before the first answer. */
export const noResult = { ok: false } as const;

/** The one message to show beside a form's main field: its own error, or the form's. */
export function firstError(result: FormResult<unknown>, field: string): string | undefined {
  return result.ok ? undefined : (result.fieldErrors?.[field]?.[0] ?? result.formError);
}
