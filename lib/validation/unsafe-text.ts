/**
 * Characters nobody types on purpose into a name or an address: control characters (NUL, line
 * breaks, escapes) and the bidirectional embeddings, overrides and isolates that make text
 * display in another order than it is stored ("Trojan Source"): "‮moc.elpmaxe@nimda" reads as
 * something else on screen and in audit logs.
 */
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE.test(value);
}
