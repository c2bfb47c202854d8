const NARROW_NO_BREAK = '\u202F';
const NO_BREAK = '\u00A0';

/**
 * French typography: the space before « ; ! ? » and inside guillemets is a narrow no-break
 * space, the one before a colon a no-break space, so that "Mot de passe oublié ?" never
 * leaves its question mark alone at the start of a line. Only spaces already typed are
 * changed (a colon between digits, as in 14:30, has none), and the text is otherwise untouched.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00A0\u202F]+([;!?])/g, `${NARROW_NO_BREAK}$1`)
    .replace(/[ \u00A0\u202F]+:/g, `${NO_BREAK}:`)
    .replace(/«[ \u00A0\u202F]*/g, `«${NARROW_NO_BREAK}`)
    .replace(/[ \u00A0\u202F]*»/g, `${NARROW_NO_BREAK}»`);
}
