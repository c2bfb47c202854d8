import { hasUnsafeCharacters, normaliseText } from './text';

export type DisplayNameProblem = 'unsafeCharacters' | 'tooLong';

/** A person's or a team's name as shown everywhere: NFKC, trimmed, inner spaces collapsed. */
export function checkDisplayName(
  raw: string,
  maxLength: number,
): { ok: true; name: string } | { ok: false; problem: DisplayNameProblem } {
  if (hasUnsafeCharacters(raw)) return { ok: false, problem: 'unsafeCharacters' };
  const name = normaliseText(raw);
  if ([...name].length > maxLength) return { ok: false, problem: 'tooLong' };
  return { ok: true, name };
}
