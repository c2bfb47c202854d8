import 'server-only';
import * as oidc from 'openid-client';
import { domainOf } from '@/lib/auth/sso-domain-policy';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto';
import { recordAudit } from '@/lib/db/audit';
import { locales, type Locale } from '@/lib/db/schema';
import { findConnection, findConnectionForDomain, insertFlow, takeFlow } from '@/lib/db/sso';
import { env } from '@/lib/env';
import { COMPANY_SIGN_IN_MINUTES } from '@/lib/policy';
import type { SignInRequest } from '@/lib/auth/sign-in-request';
import type { SignInOutcome } from '@/lib/auth/sign-in-stages';
import { normaliseEmail } from '@/lib/validation/email';
import { signInCompanyAccount } from './company-account';
import { providerFor } from './provider';


/** Where every provider sends people back: registered once with the provider, whatever the language. */
export function callbackAddress(): string {
  return new URL('/api/sso/callback', env().APP_URL).toString();
}

export type StartResult = { ok: true; url: string; binding: string } | { ok: false; problem: 'unknown' | 'unavailable' };

/**
 * The trip out: a new state, nonce and PKCE verifier kept on the server, and a binding secret
 * for this browser's cookie. The address typed at the sign-in page goes along as `login_hint`
 * so the person need not type it again.
 */
export async function startCompanySignIn(request: { connectionId: string; locale: Locale; loginHint: string | null; callbackPath: string }): Promise<StartResult> {
  const connection = await findConnection(request.connectionId);
  if (!connection) return { ok: false, problem: 'unknown' };
  let provider: oidc.Configuration;
  try {
    provider = await providerFor(connection);
  } catch {
    return { ok: false, problem: 'unavailable' };
  }
  // The language leads the state (which the provider hands back untouched), so that even a
  // callback whose trip is gone answers in the language the person set out in.
  const state = `${request.locale}.${oidc.randomState()}`;
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const binding = randomToken();
  await insertFlow({
    stateHash: sha256(state),
    connectionId: connection.id,
    bindingHash: sha256(binding),
    codeVerifier,
    nonce,
    locale: request.locale,
    callbackPath: request.callbackPath,
    expiresAt: new Date(Date.now() + COMPANY_SIGN_IN_MINUTES * 60_000),
  });
  const hint = request.loginHint ? normaliseEmail(request.loginHint) : null;
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: callbackAddress(),
    response_type: 'code',
    scope: connection.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ui_locales: request.locale,
    ...(hint ? { login_hint: hint } : {}),
  });
  return { ok: true, url: url.toString(), binding };
}

export type CompanySignInProblem = 'ended' | 'refused' | 'unverified' | 'otherDomain' | 'noAccount' | 'otherIdentity' | 'deactivated' | 'unavailable';

export type FinishResult =
  | { ok: true; outcome: SignInOutcome; locale: Locale; callbackPath: string }
  | { ok: false; problem: CompanySignInProblem; locale: Locale | null };

/** The language a trip set out in, which leads its `state`; null for a state not made here. */
export function languageOfTrip(state: string | null): Locale | null {
  const stated = state?.split('.')[0];
  return locales.find((locale) => locale === stated) ?? null;
}

type Claims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };

/**
 * The trip back. The trip's row is taken first (an answer is used once, a replay finds
 * nothing), then this browser must hold the trip's binding secret, and openid-client checks the
 * code exchange: state, PKCE, the ID token's signature, issuer, audience, nonce and expiry. The
 * address must be verified by the provider and belong to one of the connection's domains: a
 * provider vouches for its company's addresses, nobody else's.
 */
export async function finishCompanySignIn(callback: URL, binding: string | null, request: SignInRequest): Promise<FinishResult> {
  const state = callback.searchParams.get('state');
  const flow = state ? await takeFlow(sha256(state)) : undefined;
  const setOutIn = languageOfTrip(state);
  if (!flow || !binding || !safeEqual(sha256(binding), flow.bindingHash)) return failed(setOutIn, 'ended', request, 'no_trip');
  const connection = await findConnection(flow.connectionId);
  if (!connection) return failed(flow.locale, 'ended', request, 'no_connection');
  const refuse = (problem: CompanySignInProblem, reason: string) => failed(flow.locale, problem, request, reason, connection.name);

  let provider: oidc.Configuration;
  try {
    provider = await providerFor(connection);
  } catch {
    return refuse('unavailable', 'discovery');
  }
  let claims: Claims;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      provider,
      callback,
      { pkceCodeVerifier: flow.codeVerifier, expectedState: state!, expectedNonce: flow.nonce, idTokenExpected: true },
      { redirect_uri: callbackAddress() },
    );
    claims = tokens.claims() as Claims;
    // Providers may keep the address out of the ID token and in userinfo only.
    if (claims.email === undefined) claims = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub)), sub: claims.sub };
  } catch (error) {
    const code = (error as { code?: string }).code;
    // A provider that does not answer, as against one that answers wrong.
    const unreachable = (error instanceof TypeError && error.message === 'fetch failed') || ['TimeoutError', 'AbortError'].includes((error as Error).name);
    return refuse(unreachable ? 'unavailable' : 'refused', code ?? (error as Error).name ?? 'error');
  }

  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
  if (!email || claims.email_verified !== true) return refuse('unverified', 'email_unverified');
  const domain = domainOf(email);
  const owner = domain ? await findConnectionForDomain(domain) : undefined;
  if (owner?.connection.id !== connection.id) return refuse('otherDomain', 'other_domain');

  const result = await signInCompanyAccount(
    { ...connection, teamName: owner.teamName },
    { subject: claims.sub, email, name: typeof claims.name === 'string' ? claims.name : '' },
    flow.locale,
    request,
  );
  if (!result.ok) return { ok: false, problem: result.problem, locale: flow.locale };
  return { ok: true, outcome: result.outcome, locale: flow.locale, callbackPath: flow.callbackPath };
}

async function failed(locale: Locale | null, problem: CompanySignInProblem, request: SignInRequest, reason: string, connection?: string): Promise<FinishResult> {
  await recordAudit({ event: 'sso.failed', ip: request.ip, detail: { reason, ...(connection ? { connection } : {}) } });
  return { ok: false, problem, locale };
}
