import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import fr from '../../messages/fr.json';
import { flowTargets } from './targets';

// The public pages served again without rendering (lib/http-server/page-cache.ts): each answer
// must be the rendered page's, with its own nonce, request id and passkey challenge.
const PAGES = ['/login', '/forgot-password', '/forgot-password/access-code', '/reset-password/code?sent=1', '/magic-link', '/magic-link/code?sent=1', '/activate', '/help/cant-sign-in'];

const target = flowTargets().find((candidate) => candidate.databaseUrl);

interface Answer {
  nonce: string;
  requestId: string;
  challenge?: string;
  body: string;
}

async function open(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${target!.baseURL}${path}`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9', ...headers } });
  expect(response.status).toBe(200);
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  const requestId = response.headers.get('x-request-id');
  expect(nonce).toBeTruthy();
  expect(requestId).toBeTruthy();
  // Every script and style the page carries has this answer's nonce, and no other.
  const nonces = new Set([...body.matchAll(/nonce="([^"]+)"/g)].map(([, value]) => value));
  expect([...nonces]).toEqual([nonce]);
  const challenge = /challenge\\":\\"([A-Za-z0-9_-]+)\\"/.exec(body)?.[1];
  return { nonce: nonce!, requestId: requestId!, challenge, body };
}

/** The page without what is made for each request. */
const shape = ({ body, nonce, requestId, challenge }: Answer) =>
  body.split(nonce).join('NONCE').split(requestId).join('REQUEST').split(challenge ?? '\u0000').join('CHALLENGE');

describe.skipIf(!target)('the public pages served again without rendering', () => {
  it.each(PAGES.flatMap((path) => [`/fr${path}`, `/en${path}`]))('%s: the same page, with a nonce, request id and challenge of its own', async (path) => {
    const answers = [await open(path), await open(path), await open(path)];
    for (const answer of answers.slice(1)) {
      expect(shape(answer)).toBe(shape(answers[0]!));
      expect(answer.nonce).not.toBe(answers[0]!.nonce);
      expect(answer.body).toContain(answer.requestId);
    }
    if (path.endsWith('/login')) {
      const challenges = answers.map((answer) => answer.challenge!);
      expect(new Set(challenges).size).toBe(3);
      // Signed by the site for a passkey sign-in, as the page itself makes them.
      for (const challenge of challenges) expect(Buffer.from(challenge, 'base64url').toString('utf8')).toMatch(/^sign_in\.-\.\d+\.[A-Za-z0-9_-]+\.[0-9a-f]{64}$/);
    }
  });

  it('keeps each visitor’s own phone country', async () => {
    await open('/fr/login');
    const belgian = await open('/fr/login', { cookie: 'sesame-phone-region=BE' });
    expect(belgian.body).toContain('<option selected>🇧🇪 Belgique +32');
    expect((await open('/fr/login')).body).toContain('<option selected>🇫🇷 France +33');
  });

  it('shows a published text at once, and the shipped one once it is withdrawn', async () => {
    const marker = 'Connexion (publiée)';
    const sql = postgres(target!.databaseUrl!, { max: 1, onnotice: () => {} });
    const publish = async (text: string | null) => {
      await sql.begin(async (tx) => {
        await tx`delete from translation_overrides where locale = 'fr' and key = 'Login.title'`;
        if (text !== null) await tx`insert into translation_overrides (locale, key, published) values ('fr', 'Login.title', ${text})`;
        await tx`update translation_state set version = version + 1 where id = 1`;
        await tx`select pg_notify('sesame_translations', '')`;
      });
    };
    // Whatever another test left published there goes back at the end.
    const [before] = await sql<Array<Record<string, unknown>>>`select * from translation_overrides where locale = 'fr' and key = 'Login.title'`;
    try {
      await open('/fr/login');
      await open('/fr/login');
      await publish(marker);
      await expect.poll(async () => (await open('/fr/login')).body.includes(`<h1>${marker}</h1>`), { timeout: 15_000 }).toBe(true);
      await publish(null);
      await expect.poll(async () => (await open('/fr/login')).body.includes(`<h1>${fr.Login.title}</h1>`), { timeout: 15_000 }).toBe(true);
    } finally {
      if (before) {
        await sql`insert into translation_overrides ${sql(before)} on conflict do nothing`;
        await sql`update translation_state set version = version + 1 where id = 1`;
        await sql`select pg_notify('sesame_translations', '')`;
      }
      await sql.end();
    }
  });
});
