const MAX_DELAY_SECONDS = 60 * 60;

/** Exponential back-off with ±20% jitter, so a recovering dependency is not hit all at once. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random = Math.random): number {
  const delay = Math.min(baseSeconds * 2 ** (attempt - 1), MAX_DELAY_SECONDS);
  return Math.max(1, Math.round(delay * (0.8 + random() * 0.4)));
}
