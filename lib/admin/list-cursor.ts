import 'server-only';
import { open, seal } from '@/lib/crypto';
import type { ListPosition } from '@/lib/admin/users-in-scope';
import { env } from '@/lib/env';

const PURPOSE = 'list cursor';

/**
 * A place in a list as it travels in an address (a link, the API's `next`): sealed, because the
 * place is a row's sort key (a name, an address) that has no business in an address bar, a
 * proxy's log or a client's code, and bound to the list and order it was cut from.
 */
export function sealCursor(list: string, position: ListPosition): string {
  return seal([list, ...position], env().AUTH_SECRET, PURPOSE);
}

/** The place a cursor names in `list`, or undefined for anything else (another list or order, a forgery, an old secret). */
export function openCursor(list: string, cursor: string | undefined): ListPosition | undefined {
  if (!cursor || cursor.length > 1024) return undefined;
  try {
    const value = open<unknown>(cursor, env().AUTH_SECRET, PURPOSE);
    if (!Array.isArray(value) || value[0] !== list) return undefined;
    const [, first, second, ...rest] = value as unknown[];
    return typeof first === 'string' && typeof second === 'string' && rest.length === 0 ? [first, second] : undefined;
  } catch {
    return undefined;
  }
}
