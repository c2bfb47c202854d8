import 'server-only';
import { findAccessKeyByHash, markAccessKeyUsed } from '@/lib/db/access-keys';
import type { PublicUser } from '@/lib/db/users';
import { hashAccessKey, isAccessKeyShaped, KEY_LIKE } from './access-key';
import { apiError } from './responses';

export interface ApiCaller {
  keyId: string;
  /** The key's owner: the API acts with their rights, as they are now. */
  user: PublicUser;
}

// Names under which clients commonly put a credential in an address.
const CREDENTIAL_PARAMETERS = new Set(['access_key', 'key', 'token', 'access_token', 'api_key', 'apikey']);
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * A key in an address ends up in server logs, proxies and browser history, so the API refuses
 * it before looking at anything else — a valid key too, so that no client ever works that way.
 */
function keyInAddress(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    if (CREDENTIAL_PARAMETERS.has(name.toLowerCase()) || KEY_LIKE.test(name) || KEY_LIKE.test(value)) return true;
  }
  return false;
}

/**
 * Who is calling the API, from the request's `Authorization: Bearer` key, or the answer that
 * refuses the request. The key must be live and its owner's account active, checked on every
 * request: a deactivated account's key fails even if its row were somehow still live. Each
 * accepted request records the key's use.
 */
export async function authenticate(request: Request): Promise<{ ok: true; caller: ApiCaller } | { ok: false; response: Response }> {
  if (keyInAddress(new URL(request.url))) {
    return { ok: false, response: apiError('key_in_query', 'Send the access key in the Authorization header, never in the address.') };
  }
  const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return { ok: false, response: apiError('missing_key', 'Send an access key as "Authorization: Bearer <key>".') };
  const found = isAccessKeyShaped(token) ? await findAccessKeyByHash(hashAccessKey(token)) : undefined;
  if (!found || found.revokedAt !== null || found.owner.state !== 'active') {
    return { ok: false, response: apiError('invalid_key', 'This access key is not valid.') };
  }
  await markAccessKeyUsed(found.keyId);
  return { ok: true, caller: { keyId: found.keyId, user: found.owner } };
}
