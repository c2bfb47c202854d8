import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFor, saveConnectionByAdmin, testConnectionByAdmin } from '@/lib/admin/sso-connections';
import { db } from '@/lib/db/client';
import { findConnection } from '@/lib/db/sso';
import { auditEvents, ssoConnections } from '@/lib/db/schema';
import type { Actor } from '@/lib/permissions/can';
import { openClientSecret } from '@/lib/sso/client-secret';
import type { ConnectionForm } from '@/lib/sso/connection-input';
import { actorOf } from '../../helpers/api';
import { startCompanyProvider } from '../../helpers/company-provider';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.80' };
const SECRET = 'canary-client-secret-5f1e9c0d';
const admin = async () => actorOf((await makeUser({ role: 'admin' })).id);
const domain = () => `${randomUUID().slice(0, 8)}.acme.test`;

const formWith = (overrides: Partial<ConnectionForm> = {}): ConnectionForm => ({
  name: 'Acme',
  issuer: 'https://login.acme.test',
  clientId: 'sesame',
  clientSecret: SECRET,
  scopes: 'openid email profile',
  domains: domain(),
  mode: 'allow',
  createAccounts: undefined,
  defaultTeamId: '',
  defaultRole: 'user',
  ...overrides,
});

async function saved(actor: Actor, form: ConnectionForm, id: string | null = null): Promise<string> {
  const result = await saveConnectionByAdmin(actor, id, form, request);
  if (!result.ok) expect.fail(JSON.stringify(result));
  return result.id;
}

async function refusal(form: ConnectionForm, id: string | null = null) {
  const result = await saveConnectionByAdmin(await admin(), id, form, request);
  expect(result.ok).toBe(false);
  return !result.ok ? result.problems : undefined;
}

describe('saving a company sign-in connection', () => {
  it('stores the client secret sealed, and never hands it back for the form', async () => {
    const actor = await admin();
    const id = await saved(actor, formWith({ domains: `${domain()}, @${domain()}` }));
    const [row] = await db().select().from(ssoConnections).where(eq(ssoConnections.id, id));
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(openClientSecret(row!.clientSecretSealed)).toBe(SECRET);
    const shown = await connectionFor(actor, id);
    expect(shown?.domains).toHaveLength(2);
    expect(JSON.stringify(shown)).not.toContain(row!.clientSecretSealed);
    expect(shown).not.toHaveProperty('clientSecretSealed');
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, actor.id));
    expect(event?.event).toBe('admin.sso_connection_saved');
    expect(JSON.stringify(event?.detail)).not.toContain(SECRET);
  });

  it('keeps the stored secret when an edit leaves it empty, and replaces it when one is typed', async () => {
    const actor = await admin();
    const id = await saved(actor, formWith());
    const sealedBefore = (await findConnection(id))!.clientSecretSealed;
    await saved(actor, formWith({ name: 'Acme Europe', clientSecret: '', domains: domain() }), id);
    const kept = (await findConnection(id))!;
    expect(kept.name).toBe('Acme Europe');
    expect(kept.clientSecretSealed).toBe(sealedBefore);
    await saved(actor, formWith({ clientSecret: 'a-new-secret-0123456789', domains: domain() }), id);
    expect(openClientSecret((await findConnection(id))!.clientSecretSealed)).toBe('a-new-secret-0123456789');
  });

  it('needs a secret for a new connection', async () => {
    expect(await refusal(formWith({ clientSecret: '' }))).toEqual([{ field: 'clientSecret', code: 'required' }]);
  });

  it('refuses a domain another connection signs in, and says which', async () => {
    const actor = await admin();
    const taken = domain();
    await saved(actor, formWith({ domains: taken }));
    const free = domain();
    expect(await refusal(formWith({ domains: `${free}\n${taken.toUpperCase()}` }))).toEqual([{ field: 'domains', code: 'taken', domains: [taken] }]);
    // Its own domains are no obstacle to an edit.
    const own = domain();
    const id = await saved(actor, formWith({ domains: own }));
    await saved(actor, formWith({ domains: own, clientSecret: '' }), id);
  });

  it.each([
    ['http on another machine', 'http://login.acme.test', 'notHttps'],
    ['not an address', 'acme login', 'invalid'],
    ['another scheme', 'ftp://login.acme.test', 'invalid'],
    ['a query string', 'https://login.acme.test/?tenant=1', 'invalid'],
  ])('refuses an issuer that is %s', async (_case, issuer, code) => {
    expect(await refusal(formWith({ issuer }))).toEqual([{ field: 'issuer', code }]);
  });

  it('takes plain http on this machine (a development provider)', async () => {
    await saved(await admin(), formWith({ issuer: 'http://localhost:8080/realms/acme' }));
  });

  it('refuses scopes without openid, and domains that are not domains', async () => {
    expect(await refusal(formWith({ scopes: 'email profile', domains: 'not a domain!' }))).toEqual([
      { field: 'scopes', code: 'openidMissing' },
      { field: 'domains', code: 'invalid' },
    ]);
  });

  it('is refused to a manager, and stores nothing', async () => {
    const manager = await actorOf((await makeUser({ role: 'manager', team: `team-${randomUUID()}` })).id);
    const name = `Refused ${randomUUID().slice(0, 8)}`;
    expect(await saveConnectionByAdmin(manager, null, formWith({ name }), request)).toEqual({ ok: false, problems: 'forbidden' });
    expect(await db().select().from(ssoConnections).where(eq(ssoConnections.name, name))).toEqual([]);
    expect(await connectionFor(manager, randomUUID())).toBeNull();
    expect(await testConnectionByAdmin(manager, randomUUID())).toBeNull();
  });
});

describe('testing a connection against its provider', () => {
  let provider: Awaited<ReturnType<typeof startCompanyProvider>>;
  beforeAll(async () => {
    provider = await startCompanyProvider({ redirectUri: 'http://localhost:3000/api/sso/callback', people: {} });
  });
  afterAll(() => provider?.close());

  const connectionAt = async (issuer: string) =>
    saved(await admin(), formWith({ issuer, clientId: provider.clientId, clientSecret: provider.clientSecret }));

  it('reads the discovery document and gives the authorization endpoint', async () => {
    const id = await connectionAt(provider.issuer);
    const result = await testConnectionByAdmin(await admin(), id);
    expect(result).toEqual({ ok: true, authorizationEndpoint: expect.stringMatching(new RegExp(`^${provider.issuer}/`)) });
  });

  it('says so when the provider names another issuer', async () => {
    // The same provider under another name: its document still says 127.0.0.1.
    const id = await connectionAt(provider.issuer.replace('127.0.0.1', 'localhost'));
    expect(await testConnectionByAdmin(await admin(), id)).toEqual({ ok: false, problem: 'issuerMismatch' });
  });

  it('says so when nothing answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const id = await connectionAt(`http://127.0.0.1:${port}`);
    expect(await testConnectionByAdmin(await admin(), id)).toEqual({ ok: false, problem: 'unreachable' });
  });
});
