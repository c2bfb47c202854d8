/**
 * Whether the arguments of a server-action post are ones this site's forms can have sent.
 *
 * React decodes a server action's arguments from the posted form ("the reply") before any code
 * of ours runs, and a reply it cannot decode (broken JSON, a reference to a part that is not
 * there, a path into an object's prototype, arguments nested thousands deep) throws inside
 * Next.js, which answers 500 and logs a stack. Every form of the site posts the same few shapes:
 * with JavaScript, part `0` holds `[previousState, "$K1"]` (or `["$K1"]`) and the fields travel
 * as `_1_<name>` parts; without it, `$ACTION_REF_n` names a part `$ACTION_n:0` holding
 * `{"id": …, "bound": "$@1"}` whose bound arguments are part `$ACTION_n:1`. Anything outside the
 * reply grammar those shapes use is refused here, before React sees it, so it gets a 400.
 */

/** Deeper than any state or form the site posts; React's own decoder recurses without a limit. */
const MAX_DEPTH = 32;
/** Parts one reply may refer to: the site's forms use two. */
const MAX_PARTS = 16;
const HEX = /^[0-9a-f]{1,8}$/;
// Keys a reference path may never step through: they lead out of the posted data into objects'
// prototypes (React refuses them too, but with a 500).
const FORBIDDEN_STEPS = new Set(['__proto__', 'constructor', 'prototype']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Refused extends Error {}

/** A text part of one reply, by id; undefined when it is missing or a file. */
type Reply = (id: string) => string | undefined;

function replyOf(form: FormData, prefix: string): Reply {
  return (id) => {
    const value = form.get(`${prefix}${id}`);
    return typeof value === 'string' ? value : undefined;
  };
}

/** Checks one reply from its root part: every value, every reference, within the limits. */
function checkReply(reply: Reply, allowPromises: boolean): void {
  const parsed = new Map<string, Json>();
  const pending: string[] = ['0'];

  const part = (id: string): Json => {
    const known = parsed.get(id);
    if (known !== undefined) return known;
    if (parsed.size >= MAX_PARTS) throw new Refused();
    const text = reply(id);
    if (text === undefined) throw new Refused();
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      throw new Refused();
    }
    parsed.set(id, value);
    pending.push(id);
    return value;
  };

  // A reference "$<id>:<key>:<key>…" must lead, through the raw parts, to a value that is there.
  const follow = (reference: string, depth: number): void => {
    const [id = '', ...steps] = reference.split(':');
    if (!HEX.test(id)) throw new Refused();
    let value: Json = part(String(parseInt(id, 16)));
    for (const step of steps) {
      if (depth > MAX_DEPTH || FORBIDDEN_STEPS.has(step) || value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) {
        throw new Refused();
      }
      value = (value as Record<string, Json>)[step]!;
      if (typeof value === 'string' && value.startsWith('$') && !value.startsWith('$$')) {
        if (!/^\$[0-9a-f]/.test(value)) throw new Refused();
        follow(value.slice(1), depth + 1);
        return;
      }
    }
  };

  const checkString = (value: string, depth: number): void => {
    if (value[0] !== '$') return;
    const kind = value[1];
    const rest = value.slice(2);
    switch (kind) {
      case '$': // an escaped string that begins with "$"
      case 'u': // undefined
      case 'I': // Infinity
      case 'N': // NaN
      case 'D': // a date
      case 'T': // an object the client kept to itself
        return;
      case '-':
        if (value === '$-0' || value === '$-Infinity') return;
        throw new Refused();
      case 'n':
        if (/^-?\d{1,300}$/.test(rest)) return;
        throw new Refused();
      case 'K': // the submitted form's fields
        if (HEX.test(rest)) return;
        throw new Refused();
      case '@': // bound arguments of a form posted without JavaScript
        if (allowPromises && HEX.test(rest)) {
          part(String(parseInt(rest, 16)));
          return;
        }
        throw new Refused();
      default:
        // A plain reference to another part; every other kind (maps, sets, files, streams,
        // typed arrays, functions) is nothing the site's forms send.
        if (kind !== undefined && /[0-9a-f]/.test(kind)) {
          follow(value.slice(1), depth);
          return;
        }
        throw new Refused();
    }
  };

  const walk = (value: Json, depth: number): void => {
    if (depth > MAX_DEPTH) throw new Refused();
    if (typeof value === 'string') checkString(value, depth);
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_STEPS.has(key)) throw new Refused();
        walk(item, depth + 1);
      }
    }
  };

  part('0');
  while (pending.length > 0) walk(parsed.get(pending.pop()!)!, 0);
}

/**
 * Whether a posted form's server-action arguments can be decoded: `true` for a post that is not
 * a server action at all. `fetched` is whether the post named its action in the `Next-Action`
 * header (JavaScript) rather than in the form (no JavaScript).
 */
export function actionArgumentsReadable(form: FormData, fetched: boolean): boolean {
  try {
    if (fetched) {
      // Streams are a kind the site never sends.
      if ([...form.keys()].some((key) => key.startsWith('S'))) return false;
      checkReply(replyOf(form, ''), false);
      return true;
    }
    const references = [...form.keys()].filter((key) => key.startsWith('$ACTION_REF_'));
    if (references.length > 1) return false;
    const [reference] = references;
    if (reference === undefined) return true;
    const prefix = `$ACTION_${reference.slice('$ACTION_REF_'.length)}:`;
    const reply = replyOf(form, prefix);
    const root = reply('0');
    if (root === undefined) return false;
    const metadata = JSON.parse(root) as unknown;
    if (typeof metadata !== 'object' || metadata === null || typeof (metadata as { id?: unknown }).id !== 'string') return false;
    checkReply(reply, true);
    return true;
  } catch (error) {
    if (error instanceof Refused || error instanceof SyntaxError || error instanceof RangeError) return false;
    throw error;
  }
}
