/** What a recovery form's server action answers: localized messages and what was typed. */
export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
}
