/**
 * Characters nobody types on purpose into a name or an address: control characters (NUL, line
 * breaks, escapes) and the bidirectional controls — marks, embeddings, overrides, isolates —
 * that make text display in another order than it is stored ("Trojan Source"): an address or a
 * name with one reads as something else on screen and in the audit log.
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}]/u;

export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE.test(value);
}

/** NFKC, trimmed, inner white space collapsed: the same text typed on any keyboard. */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
