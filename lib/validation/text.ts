/**
 * Characters nobody types on purpose into a name or an address: control characters (NUL, line
 * breaks, escapes), the bidirectional controls — marks, embeddings, overrides, isolates — that
 * make text display in another order than it is stored ("Trojan Source"): an address or a name
 * with one reads as something else on screen and in the audit log; and U+FFFD, which is what
 * decoding leaves of bytes that were not UTF-8, so the text is not what was meant.
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\uFFFD]/u;

export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE.test(value);
}

/** NFKC, trimmed, inner white space collapsed: the same text typed on any keyboard. */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
