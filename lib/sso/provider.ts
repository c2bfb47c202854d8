import 'server-only';
import * as oidc from 'openid-client';
import type { StoredConnection } from '@/lib/db/sso';
import { openClientSecret } from './client-secret';

const TIMEOUT_SECONDS = 10;
const CACHE_MS = 10 * 60_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

type ProviderSettings = Pick<StoredConnection, 'issuer' | 'clientId'> & { clientSecret: string };

/** Plain http only to a provider on this machine (a development or test provider). */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
}

/**
 * The provider's configuration from its discovery document. openid-client refuses a document
 * whose `issuer` is not exactly the configured one, and later checks every ID token's `iss`
 * and `aud` against it and the client id.
 */
export async function discover(settings: ProviderSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  // client_secret_basic: the method OpenID Connect assumes when a provider names none.
  const config = await oidc.discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
    timeout: TIMEOUT_SECONDS,
    ...(insecureAllowed(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  config.timeout = TIMEOUT_SECONDS;
  return config;
}

// Discovery is a round trip to the provider: sign-ins reuse it for a while, and a saved change
// to the connection (a new `updatedAt`) starts afresh.
const cache = new Map<string, { key: string; at: number; config: Promise<oidc.Configuration> }>();

export function providerFor(connection: StoredConnection): Promise<oidc.Configuration> {
  const key = `${connection.updatedAt.getTime()}`;
  const cached = cache.get(connection.id);
  if (cached && cached.key === key && Date.now() - cached.at < CACHE_MS) return cached.config;
  const config = discover({ issuer: connection.issuer, clientId: connection.clientId, clientSecret: openClientSecret(connection.clientSecretSealed) });
  cache.set(connection.id, { key, at: Date.now(), config });
  config.catch(() => cache.delete(connection.id));
  return config;
}

export type ConnectionCheck =
  | { ok: true; authorizationEndpoint: string }
  | { ok: false; problem: 'unreachable' | 'issuerMismatch' | 'noPkce' | 'invalid' };

/**
 * "Test this connection": the discovery document is fetched and must name this issuer and
 * offer the authorization-code flow with S256 PKCE. A wrong client secret shows only at the
 * first sign-in, since OpenID Connect has no way to check it without a person.
 */
export async function testProvider(settings: ProviderSettings): Promise<ConnectionCheck> {
  let config: oidc.Configuration;
  try {
    config = await discover(settings);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return { ok: false, problem: 'issuerMismatch' };
    if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_INVALID_RESPONSE') return { ok: false, problem: 'invalid' };
    return { ok: false, problem: 'unreachable' };
  }
  const metadata = config.serverMetadata();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) return { ok: false, problem: 'invalid' };
  if (!metadata.supportsPKCE('S256')) return { ok: false, problem: 'noPkce' };
  return { ok: true, authorizationEndpoint: metadata.authorization_endpoint };
}
