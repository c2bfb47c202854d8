// Regional indicator symbols: "FR" becomes 🇫🇷, which systems draw as the flag. No dependency
// here: the phone country selector, in the browser bundle, reads and writes flags too.
const REGIONAL_INDICATOR_A = 0x1f1e6;

/** "FR" → "🇫🇷". */
export function flagOf(code: string): string {
  return String.fromCodePoint(...[...code].map((letter) => REGIONAL_INDICATOR_A + letter.charCodeAt(0) - 65));
}

/**
 * The two letters of the flag a text starts with ("🇫🇷 France +33" → "FR"), else null. The
 * selector's options carry no `value`, so a browser posts their text, which starts with it.
 */
export function codeOfFlag(text: string): string | null {
  const [first, second] = [...text.trimStart()].slice(0, 2).map((symbol) => symbol.codePointAt(0)! - REGIONAL_INDICATOR_A);
  const letter = (offset: number | undefined) => (offset !== undefined && offset >= 0 && offset < 26 ? String.fromCharCode(65 + offset) : null);
  const [a, b] = [letter(first), letter(second)];
  return a && b ? a + b : null;
}
