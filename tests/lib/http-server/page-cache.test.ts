import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pageCache } from '@/lib/http-server/page-cache';
import { loaded, shippedMessages } from '@/lib/i18n/message-cache';

// A stand-in for Next.js: each render says so, with a nonce, request id and challenge of its own.
let renders = 0;
let server: Server;
let base = '';

beforeAll(async () => {
  const cache = pageCache();
  server = createServer((request, response) => {
    const id = randomUUID();
    response.setHeader('x-request-id', id);
    if (cache.serve(request, response, id)) return;
    renders += 1;
    const nonce = randomBytes(16).toString('base64');
    const challenge = Buffer.from(`sign_in.-.${Date.now()}.${randomBytes(8).toString('hex')}`).toString('base64url');
    response.setHeader('content-security-policy', `script-src 'nonce-${nonce}'`);
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.write(`<script nonce="${nonce}">self.__next_f.push([1,"{\\"challenge\\":\\"${challenge}\\"}`);
    response.end(` ${id} ${request.headers.cookie ?? ''}"])</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  loaded.cache = { version: (loaded.cache?.version ?? 0) + 1, messages: { en: shippedMessages('en'), fr: shippedMessages('fr') } };
  loaded.stale = false;
  renders = 0;
});

async function open(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')![1]!;
  return { body, nonce, id: response.headers.get('x-request-id')!, challenge: /challenge\\":\\"([^\\]+)/.exec(body)?.[1] };
}

describe('the page cache', () => {
  it('renders a public page once, then answers it with a nonce, request id and passkey challenge of each answer’s own', async () => {
    const first = await open('/fr/login');
    const second = await open('/fr/login');
    const third = await open('/fr/login');
    expect(renders).toBe(1);
    for (const answer of [second, third]) {
      expect(answer.nonce).not.toBe(first.nonce);
      expect(answer.body).toContain(`nonce="${answer.nonce}"`);
      expect(answer.body).toContain(answer.id);
      expect(answer.body).not.toContain(first.id);
      expect(Buffer.from(answer.challenge!, 'base64url').toString('utf8')).toMatch(/^sign_in\.-\.\d+\./);
    }
    expect(new Set([first.challenge, second.challenge, third.challenge]).size).toBe(3);
  });

  it('renders every time for a session, another cookie, an address or query it does not keep, or the client router', async () => {
    for (const [path, headers] of [
      ['/fr/login', { cookie: 'authjs.session-token=abc' }],
      ['/fr/login', { cookie: 'NEXT_LOCALE=fr; sesame-login-step=x' }],
      ['/fr/account', {}],
      ['/fr/login?callbackUrl=/fr/account', {}],
      ['/fr/login', { rsc: '1' }],
    ] as const) {
      await open(path, headers);
      await open(path, headers);
    }
    expect(renders).toBe(10);
  });

  it('keeps each visitor’s language and phone country cookies apart', async () => {
    const belgian = { cookie: 'sesame-phone-region=BE' };
    await open('/fr/login', belgian);
    await open('/fr/login');
    expect((await open('/fr/login', belgian)).body).toContain('sesame-phone-region=BE');
    expect((await open('/fr/login')).body).not.toContain('sesame-phone-region');
    expect(renders).toBe(2);
  });

  it('renders again once the published words are stale, and keeps the new version’s page', async () => {
    await open('/en/forgot-password');
    loaded.stale = true;
    await open('/en/forgot-password');
    await open('/en/forgot-password');
    expect(renders).toBe(3);
    loaded.stale = false;
    loaded.cache = { ...loaded.cache!, version: loaded.cache!.version + 1 };
    await open('/en/forgot-password');
    await open('/en/forgot-password');
    expect(renders).toBe(4);
  });
});
