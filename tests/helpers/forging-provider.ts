import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface ForgedAnswer {
  sub: string;
  email: string;
  emailVerified: boolean;
  name?: string;
  /** Extra claims, e.g. a `role` the site must ignore. */
  claims?: Record<string, unknown>;
  /** What a dishonest or confused provider puts in the ID token instead of the right value. */
  forge?: { iss?: string; aud?: string; nonce?: string };
}

/**
 * A minimal OpenID provider under the test's control, on loopback: it signs in whoever the
 * test says (`answer`), at once, and can put a wrong issuer, audience or nonce in its ID token
 * — what no real provider is configured to do. It does check PKCE, as any provider would.
 */
export async function startForgingProvider(clientId = 'sesame-forging', clientSecret = 'forging-provider-secret-0123456789') {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'forging', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; answer: ForgedAnswer }>();
  const state = { answer: null as ForgedAnswer | null, tokenRequests: 0 };
  let issuer = '';

  const json = (response: ServerResponse, status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const answer = state.answer;
      if (!answer || url.searchParams.get('client_id') !== clientId) return json(response, 400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { nonce: url.searchParams.get('nonce') ?? '', challenge: url.searchParams.get('code_challenge') ?? '', answer });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return response.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      state.tokenRequests += 1;
      let raw = '';
      for await (const chunk of request) raw += chunk;
      const form = new URLSearchParams(raw);
      // client_secret_basic: both halves form-encoded (RFC 6749 section 2.3.1).
      const basic = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id = '', secret = ''] = basic.split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      if (id !== clientId || secret !== clientSecret) return json(response, 401, { error: 'invalid_client' });
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!issued || createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return json(response, 400, { error: 'invalid_grant' });
      const { answer } = issued;
      const idToken = await new SignJWT({
        ...answer.claims,
        email: answer.email,
        email_verified: answer.emailVerified,
        name: answer.name ?? 'Forged Person',
        nonce: answer.forge?.nonce ?? issued.nonce,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'forging' })
        .setSubject(answer.sub)
        .setIssuer(answer.forge?.iss ?? issuer)
        .setAudience(answer.forge?.aud ?? clientId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return json(response, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    return json(response, 404, { error: 'not_found' });
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    state,
    /** Who the next trip signs in, and how its ID token lies. */
    answerWith(answer: ForgedAnswer) {
      state.answer = answer;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
