/** What a recovery form's server action answers: localized messages and what was typed. */
export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /**
   * New with every answer. React resets a form after its action, and a reset select loses its
   * choice; keying the form on this remounts it with what was typed instead.
   */
  answerId?: string;
}
