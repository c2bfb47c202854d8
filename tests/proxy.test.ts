import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionClosed, queryAnswered, queryFailed, watchPool } from '@/lib/db/pool-health';
import { escapeHtml } from '@/lib/escape-html';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { proxy } from '@/proxy';

const messages = { en, fr } as const;
const REQUEST_ID = 'outage-request-0001';
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
let reachable = true;

const page = (path: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(`http://localhost${path}`, { headers: { 'x-request-id': REQUEST_ID, ...headers } }));

beforeEach(() => {
  reachable = true;
  watchPool(async () => {
    if (!reachable) throw refused;
  });
});

afterEach(() => {
  queryAnswered();
  vi.useRealTimers();
});

describe('the proxy while the database is out of reach', () => {
  it.each(['en', 'fr'] as const)('answers a page "unavailable" (503) in %s, with the request\'s id, under a strict policy', async (locale) => {
    reachable = false;
    queryFailed(refused);
    const answer = await page(`/${locale}/reset-password?token=${'A'.repeat(43)}`);
    const html = await answer.text();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'nonce-[^']+';/);
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain(escapeHtml(messages[locale].Unavailable.title));
    expect(html).toContain(escapeHtml(messages[locale].Unavailable.body));
    expect(html).toContain(escapeHtml(messages[locale].Error.reference.replace('{id}', REQUEST_ID)));
    const other = locale === 'en' ? 'fr' : 'en';
    expect(html).not.toContain(escapeHtml(messages[other].Unavailable.body));
  });

  it('answers the first page after the pool lost its connections "unavailable", having asked the database', async () => {
    reachable = false;
    connectionClosed();
    expect((await page('/fr/login')).status).toBe(503);
  });

  it('lets a script\'s server action through, for its pipeline\'s own "try again"', async () => {
    reachable = false;
    queryFailed(refused);
    expect((await page('/fr/login', { 'next-action': 'a'.repeat(42) })).status).not.toBe(503);
  });

  it('serves pages again once the database answers, asking it again at most once a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    reachable = false;
    queryFailed(refused);
    expect((await page('/en/login')).status).toBe(503);
    reachable = true;
    expect((await page('/en/login')).status).toBe(503);
    vi.setSystemTime(Date.now() + 1_100);
    expect((await page('/en/login')).status).toBe(200);
    expect((await page('/fr/login')).status).toBe(200);
  });

  it('serves the next page when a query fails on a dying connection after the database answered again', async () => {
    connectionClosed();
    expect((await page('/fr/login')).status).toBe(200);
    queryFailed(refused);
    expect((await page('/fr/login')).status).toBe(200);
  });

  it('serves pages after a connection closed when the database still answers', async () => {
    connectionClosed();
    expect((await page('/fr/login')).status).toBe(200);
  });
});
