/**
 * What a page accepts as a POST: a browser's form submission, from this site, of a sane size.
 * Every form of the site carries at least one field (the locale), so React posts its server
 * actions as multipart too, with or without JavaScript.
 * Next.js answers everything else (oversized bodies, JSON or text posted to a server action,
 * broken multipart, another site's origin) with a bare 500; these checks answer first, with
 * the status that says what was wrong.
 */

import { actionArgumentsReadable } from './action-arguments';

// Next.js's own limit for a server action's body (serverActions.bodySizeLimit).
export const MAX_FORM_BYTES = 1024 * 1024;

export type RequestProblem = 'lengthRequired' | 'tooLarge' | 'malformed' | 'crossOrigin';

export const statusOf: Record<RequestProblem, number> = {
  lengthRequired: 411,
  tooLarge: 413,
  malformed: 400,
  crossOrigin: 403,
};

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/** The headers' verdict on a POST; the body itself is checked by `checkFormBody`. */
export function checkPostHeaders(headers: Headers): RequestProblem | null {
  if (!fromThisSite(headers)) return 'crossOrigin';
  const length = headers.get('content-length');
  if (length === null) return headers.has('transfer-encoding') ? 'lengthRequired' : 'malformed';
  if (!/^\d+$/.test(length)) return 'malformed';
  if (Number(length) > MAX_FORM_BYTES) return 'tooLarge';
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return FORM_TYPES.includes(type) ? null : 'malformed';
}

/**
 * The rule Next.js applies to server actions: the origin's host is the site's host. A request
 * without an Origin header is not a browser's cross-site post (browsers send one with every
 * POST), so it passes here and meets the other checks.
 */
function fromThisSite(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * A body that the form parser cannot read, or whose server-action arguments React could not
 * decode, is refused before a server action sees it. It reads the request's body: the proxy's
 * request has a copy of its own (Next.js hands the page another), so nothing is cloned.
 */
export async function checkFormBody(request: Request): Promise<RequestProblem | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return 'malformed';
  }
  return actionArgumentsReadable(form, request.headers.has('next-action')) ? null : 'malformed';
}
