/**
 * What a server action was posted, as a form. A browser's form always sends one; a request
 * made by hand can decode to any value, which reads as an empty form, so every field gets its
 * ordinary localized error instead of the action failing with a 500.
 */
export function formInput(posted: unknown): FormData {
  return posted instanceof FormData ? posted : new FormData();
}
