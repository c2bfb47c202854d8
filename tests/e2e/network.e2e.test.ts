import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFields, postRaw, sendRaw, signInError, signInRaw } from './raw-form';
import { startSite, type RunningSite } from './site';
import { sharedTargets } from './targets';

/** One of this machine's own addresses that is not loopback: "another machine" to the site. */
function outsideAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to test from');
  return address;
}

const embedded = sharedTargets().find((target) => target.name === 'pglite')!;
const THROTTLED = 'Too many unsuccessful sign-ins came from your network';

function heading(html: string): string {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
}

describe('the embedded demo, as npm start serves it', () => {
  it('listens on this machine only', async () => {
    const { port } = new URL(embedded.baseURL);
    await expect(fetch(`http://${outsideAddress()}:${port}/en/login`)).rejects.toThrow();
    expect((await fetch(`${embedded.baseURL}/en/login`)).status).toBe(200);
  });

  it('shows its mailbox to this machine and the ordinary not-found page to anyone else', async () => {
    const local = await sendRaw(embedded.baseURL, '/fr/dev/mailbox');
    expect(local.status).toBe(200);
    expect(heading(local.body)).toBe('Boîte de réception de développement');

    const unknownPage = await sendRaw(embedded.baseURL, '/fr/no-such-page');
    for (const path of ['/fr/dev/mailbox', '/en/dev/mailbox', `/en/dev/mailbox/${crypto.randomUUID()}`]) {
      // From another address, even one that claims to be loopback in every header it can.
      const remote = await sendRaw(embedded.baseURL, path, {
        localAddress: outsideAddress(),
        headers: { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', 'x-sesame-peer': '127.0.0.1' },
      });
      expect(remote.status, path).toBe(404);
      expect(remote.body).not.toContain('mailbox');
      expect(heading(remote.body)).toBe(path.startsWith('/fr') ? heading(unknownPage.body) : 'Page not found');
    }
    expect(heading(unknownPage.body)).toBe('Page introuvable');
  });
});

describe('a site served as https://', () => {
  let dataDir = '';
  let secure: RunningSite | undefined;
  afterAll(async () => {
    await secure?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets its own cookies with the __Host- prefix: this host only, whole site, TLS only', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-https-'));
    const { DATABASE_URL: _embeddedOnly, ...inherited } = process.env;
    // TLS ends at a proxy in front of the site, which is what APP_URL describes.
    secure = await startSite('https', { ...inherited, DATA_DIR: dataDir, SEED_DEMO: 'false', APP_URL: 'https://id.example.com' });
    const data = await formFields(secure.baseURL, '/en/forgot-password', { identifier: 'someone@example.com' });
    const response = await postRaw(secure.baseURL, '/en/forgot-password', data, { origin: secure.baseURL });
    expect(response.status).toBe(303);
    const recovery = [response.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.includes('sesame-recovery'));
    expect(recovery).toMatch(/^__Host-sesame-recovery=/);
    const attributes = recovery!.split('; ').slice(1).map((attribute) => attribute.toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
    expect(attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('the address a sign-in is counted against', () => {
  const sites: RunningSite[] = [];
  const dataDirs: string[] = [];
  async function site(env: Record<string, string>) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-network-'));
    dataDirs.push(dataDir);
    const { DATABASE_URL: _embeddedOnly, ...inherited } = process.env;
    const started = await startSite('network', {
      ...inherited,
      AUTH_SECRET: 'network-secret-network-secret-network-0',
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      IP_FAILURE_LIMIT: '3',
      ...env,
    });
    sites.push(started);
    return started;
  }
  const wrong = (index: number) => ({ identifier: `stranger-${index}@example.com`, password: 'not a password at all' });

  afterAll(async () => {
    for (const started of sites) await started.stop();
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('without TRUSTED_PROXIES', () => {
    let direct: RunningSite;
    beforeAll(async () => {
      direct = await site({});
    });

    it('is the socket address: a forged X-Forwarded-For neither escapes the limit nor pauses someone else', async () => {
      const attacker = { localAddress: outsideAddress() };
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        // A new address every time, and finally the address of the person next door.
        const forged = attempt === 3 ? '127.0.0.1' : `198.51.100.${attempt}`;
        const answer = await signInRaw(direct.baseURL, wrong(attempt), { ...attacker, headers: { 'x-forwarded-for': forged } });
        expect(signInError(answer.body)).not.toContain(THROTTLED);
      }
      const fourth = await signInRaw(direct.baseURL, wrong(4), { ...attacker, headers: { 'x-forwarded-for': '198.51.100.99' } });
      expect(signInError(fourth.body)).toContain(THROTTLED);
      // The loopback client the attacker impersonated is not paused.
      const neighbour = await signInRaw(direct.baseURL, wrong(5));
      expect(signInError(neighbour.body)).not.toContain(THROTTLED);
    });
  });

  describe('with TRUSTED_PROXIES=1 (one proxy, on this machine)', () => {
    let proxied: RunningSite;
    beforeAll(async () => {
      proxied = await site({ TRUSTED_PROXIES: '1' });
    });

    it('is the address the proxy reports, so each client behind it has its own allowance', async () => {
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const answer = await signInRaw(proxied.baseURL, wrong(attempt), { headers: { 'x-forwarded-for': '203.0.113.7' } });
        expect(signInError(answer.body)).not.toContain(THROTTLED);
      }
      const fourth = await signInRaw(proxied.baseURL, wrong(4), { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(signInError(fourth.body)).toContain(THROTTLED);
      // A client's own prefix to the header does not hide it: the proxy's entry is the right-most.
      const disguised = await signInRaw(proxied.baseURL, wrong(5), { headers: { 'x-forwarded-for': '192.0.2.77, 203.0.113.7' } });
      expect(signInError(disguised.body)).toContain(THROTTLED);
      const other = await signInRaw(proxied.baseURL, wrong(6), { headers: { 'x-forwarded-for': '203.0.113.8' } });
      expect(signInError(other.body)).not.toContain(THROTTLED);
    });

    it('keeps the mailbox for requests the proxy forwards from this machine, and only those', async () => {
      const relayed = await sendRaw(proxied.baseURL, '/en/dev/mailbox', { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(relayed.status).toBe(404);
      const fromHere = await sendRaw(proxied.baseURL, '/en/dev/mailbox', { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(fromHere.status).toBe(200);
      // Straight to the port from elsewhere, posing as a proxy that relays this machine.
      const forged = await sendRaw(proxied.baseURL, '/en/dev/mailbox', {
        localAddress: outsideAddress(),
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(forged.status).toBe(404);
    });
  });
});
