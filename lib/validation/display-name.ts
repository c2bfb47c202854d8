import { hasUnsafeCharacters } from './unsafe-text';

export const MAX_DISPLAY_NAME_LENGTH = 200;

export type DisplayNameProblem = 'unsafeCharacters' | 'tooLong';

/** A person's or a team's name as shown everywhere: NFKC, trimmed, inner spaces collapsed. */
export function checkDisplayName(raw: string): { ok: true; name: string } | { ok: false; problem: DisplayNameProblem } {
  if (hasUnsafeCharacters(raw)) return { ok: false, problem: 'unsafeCharacters' };
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if ([...name].length > MAX_DISPLAY_NAME_LENGTH) return { ok: false, problem: 'tooLong' };
  return { ok: true, name };
}
