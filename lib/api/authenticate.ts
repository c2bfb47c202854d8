import 'server-only';
import { hashAccessKey, isAccessKeyShaped, KEY_LIKE } from '@/lib/admin/access-key-format';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { findAccessKeyByHash, markAccessKeyUsed } from '@/lib/db/access-keys';
import { countInWindow } from '@/lib/db/throttle';
import type { PublicUser } from '@/lib/db/users';
import { env } from '@/lib/env';
import { clientAddressOf } from '@/lib/network/request-address';
import { lacksRequiredTwoStep } from '@/lib/permissions/two-step-policy';
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

type Refusal = { ok: false; response: Response };

const secondsUntil = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));

function rateLimited(until: Date): Refusal {
  return { ok: false, response: apiError('rate_limited', 'Too many requests; try again after the Retry-After header’s seconds.', undefined, secondsUntil(until)) };
}

/**
 * Who is calling the API, from the request's `Authorization: Bearer` key, or the answer that
 * refuses the request. The key must be live and its owner's account active, checked on every
 * request: a deactivated account's key fails even if its row were somehow still live; an
 * admin's or manager's key stops while its owner lacks the 2-step verification the policy asks.
 * Requests without a valid key are counted per network address and every key's requests per
 * minute: past either limit the answer is 429 until the window ends. A valid key is never
 * refused for its address's sake, so one misconfigured client cannot stop the others behind
 * the same address. Each accepted request records the key's use.
 */
export async function authenticate(request: Request): Promise<{ ok: true; caller: ApiCaller } | Refusal> {
  const config = env();
  const refuse = async (response: Response): Promise<Refusal> => {
    const ip = clientAddressOf(request.headers);
    if (ip) {
      const counted = await countInWindow(throttleSubjects.apiAddress(ip), { limit: config.API_FAILURE_LIMIT, windowMinutes: config.IP_WINDOW_MINUTES });
      if (counted.count > config.API_FAILURE_LIMIT && counted.pausedUntil) return rateLimited(counted.pausedUntil);
    }
    return { ok: false, response };
  };

  if (keyInAddress(new URL(request.url))) {
    return refuse(apiError('key_in_query', 'Send the access key in the Authorization header, never in the address.'));
  }
  const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return refuse(apiError('missing_key', 'Send an access key as "Authorization: Bearer <key>".'));
  const found = isAccessKeyShaped(token) ? await findAccessKeyByHash(hashAccessKey(token)) : undefined;
  if (!found || found.revokedAt !== null || found.owner.state !== 'active') {
    return refuse(apiError('invalid_key', 'This access key is not valid.'));
  }
  const counted = await countInWindow(throttleSubjects.apiKey(found.keyId), { limit: config.API_KEY_RATE_LIMIT, windowMinutes: 1 });
  if (counted.count > config.API_KEY_RATE_LIMIT && counted.pausedUntil) return rateLimited(counted.pausedUntil);
  if (lacksRequiredTwoStep(found.owner)) {
    return {
      ok: false,
      response: apiError('two_step_required', 'This key’s account manages other accounts and must turn on 2-step verification before its keys work again.'),
    };
  }
  await markAccessKeyUsed(found.keyId);
  return { ok: true, caller: { keyId: found.keyId, user: found.owner } };
}
