import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { inspectToken } from '@/lib/auth/token-state';
import { newLinkToken } from '@/lib/auth/one-time-secrets';
import { db } from '@/lib/db/client';
import { accountTokens, auditEvents, emailOutbox, signInThrottle, ssoConnections, ssoIdentities, teams, users } from '@/lib/db/schema';
import { saveConnection } from '@/lib/db/sso';
import { insertToken } from '@/lib/db/tokens';
import { findUserById } from '@/lib/db/users';
import { renderEmail } from '@/lib/email/render';
import { requestEmailChange } from '@/lib/account/email-change';
import { openActivation } from '@/lib/recovery/activate';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { sealClientSecret } from '@/lib/sso/client-secret';
import { finishCompanySignIn, startCompanySignIn } from '@/lib/sso/company-sign-in';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { startForgingProvider, type ForgedAnswer } from '../../helpers/forging-provider';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '192.0.2.7', userAgent: 'test', knownDevices: [] };
let provider: Awaited<ReturnType<typeof startForgingProvider>>;

beforeAll(async () => {
  provider = await startForgingProvider();
});
afterAll(async () => {
  await provider.close();
});

async function connect(domain: string, settings: { mode?: 'allow' | 'enforce'; createAccounts?: boolean; defaultTeamId?: string | null; issuer?: string } = {}) {
  return db().transaction((tx) =>
    saveConnection(
      null,
      {
        name: `Company ${domain}`,
        issuer: settings.issuer ?? provider.issuer,
        clientId: provider.clientId,
        clientSecretSealed: sealClientSecret(provider.clientSecret),
        scopes: 'openid email profile',
        mode: settings.mode ?? 'allow',
        createAccounts: settings.createAccounts ?? false,
        defaultTeamId: settings.defaultTeamId ?? null,
        defaultRole: 'user',
      },
      [domain],
      tx,
    ),
  ) as Promise<string>;
}

/** Out to the provider and back: the callback address it sends the browser to, and the browser's binding. */
async function trip(connectionId: string, answer: ForgedAnswer) {
  provider.answerWith(answer);
  const started = await startCompanySignIn({ connectionId, locale: 'fr', loginHint: answer.email, callbackPath: '/fr/account' });
  if (!started.ok) throw new Error(`the trip did not start: ${started.problem}`);
  const response = await fetch(started.url, { redirect: 'manual' });
  return { callback: new URL(response.headers.get('location')!), binding: started.binding, url: new URL(started.url) };
}

const tag = () => Math.random().toString(36).slice(2, 8);

describe('signing in through a company’s provider', () => {
  it('sends PKCE, state, nonce and the typed address out, and signs the person in to the account with that verified address', async () => {
    const domain = `acme-${tag()}.test`;
    const connection = await connect(domain);
    const person = await makeUser({ email: `ana@${domain}` });
    const { callback, binding, url } = await trip(connection, { sub: 'ana-1', email: `Ana@${domain}`, emailVerified: true });
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('login_hint')).toBe(`ana@${domain}`);
    expect(url.searchParams.get('ui_locales')).toBe('fr');
    expect(url.searchParams.get('redirect_uri')).toMatch(/\/api\/sso\/callback$/);

    const result = await finishCompanySignIn(callback, binding, request);
    expect(result).toMatchObject({ ok: true, locale: 'fr', callbackPath: '/fr/account', outcome: { next: 'session', userId: person.id } });
    const [identity] = await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, person.id));
    expect(identity).toMatchObject({ subject: 'ana-1', connectionId: connection });

    // Next time the identity itself names the account, even with a new address at the provider.
    const again = await trip(connection, { sub: 'ana-1', email: `ana.new@${domain}`, emailVerified: true });
    expect(await finishCompanySignIn(again.callback, again.binding, request)).toMatchObject({ ok: true, outcome: { userId: person.id } });
  });

  it('takes an answer once, only in the browser that set out, and only with its own state', async () => {
    const domain = `once-${tag()}.test`;
    const connection = await connect(domain);
    await makeUser({ email: `bo@${domain}` });
    const answer = { sub: 'bo', email: `bo@${domain}`, emailVerified: true };

    const tampered = await trip(connection, answer);
    tampered.callback.searchParams.set('state', 'someone-elses-state');
    expect(await finishCompanySignIn(tampered.callback, tampered.binding, request)).toMatchObject({ ok: false, problem: 'ended' });

    const elsewhere = await trip(connection, answer);
    expect(await finishCompanySignIn(elsewhere.callback, 'another-browser', request)).toMatchObject({ ok: false, problem: 'ended' });
    expect(await finishCompanySignIn(elsewhere.callback, null, request)).toMatchObject({ ok: false, problem: 'ended' });

    const replayed = await trip(connection, answer);
    expect(await finishCompanySignIn(replayed.callback, replayed.binding, request)).toMatchObject({ ok: true });
    const tokenRequests = provider.state.tokenRequests;
    expect(await finishCompanySignIn(replayed.callback, replayed.binding, request)).toMatchObject({ ok: false, problem: 'ended' });
    expect(provider.state.tokenRequests).toBe(tokenRequests);
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'some-other-client' }],
    ['another nonce', { nonce: 'replayed-nonce' }],
  ])('refuses an ID token with %s', async (_case, forge) => {
    const domain = `forged-${tag()}.test`;
    const connection = await connect(domain);
    const person = await makeUser({ email: `cy@${domain}` });
    const { callback, binding } = await trip(connection, { sub: 'cy', email: `cy@${domain}`, emailVerified: true, forge });
    expect(await finishCompanySignIn(callback, binding, request)).toMatchObject({ ok: false, problem: 'refused', locale: 'fr' });
    expect(await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, person.id))).toEqual([]);
  });

  it('refuses an address the provider did not verify, or one of a domain it does not sign in', async () => {
    const domain = `checks-${tag()}.test`;
    const connection = await connect(domain);
    await makeUser({ email: `di@${domain}` });
    const victim = await makeUser({ email: `ceo-${tag()}@other-company.test` });
    const unverified = await trip(connection, { sub: 'di', email: `di@${domain}`, emailVerified: false });
    expect(await finishCompanySignIn(unverified.callback, unverified.binding, request)).toMatchObject({ ok: false, problem: 'unverified' });
    const foreign = await trip(connection, { sub: 'ceo', email: victim.email, emailVerified: true });
    expect(await finishCompanySignIn(foreign.callback, foreign.binding, request)).toMatchObject({ ok: false, problem: 'otherDomain' });
    expect(await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, victim.id))).toEqual([]);
  });

  it('creates an account only when the admin allowed it, with the connection’s team and role whatever the provider claims', async () => {
    const domain = `jit-${tag()}.test`;
    const closed = await connect(domain);
    const answer = { sub: 'eve', email: `eve@${domain}`, emailVerified: true, name: 'Eve Martin', claims: { role: 'admin', groups: ['admins'] } };
    const refused = await trip(closed, answer);
    expect(await finishCompanySignIn(refused.callback, refused.binding, request)).toMatchObject({ ok: false, problem: 'noAccount' });

    const [team] = await db().insert(teams).values({ name: `Support ${tag()}` }).returning();
    await db().update(ssoConnections).set({ createAccounts: true, defaultTeamId: team!.id }).where(eq(ssoConnections.id, closed));
    const allowed = await trip(closed, answer);
    const result = await finishCompanySignIn(allowed.callback, allowed.binding, request);
    expect(result).toMatchObject({ ok: true, outcome: { next: 'session' } });
    const [created] = await db().select().from(users).where(eq(users.email, `eve@${domain}`));
    expect(created).toMatchObject({ role: 'user', teamId: team!.id, state: 'active', name: 'Eve Martin', locale: 'fr', passwordHash: null });
  });

  it('keeps a deactivated account out and activates one waiting for its welcome link', async () => {
    const domain = `states-${tag()}.test`;
    const connection = await connect(domain);
    const gone = await makeUser({ email: `gone@${domain}` });
    await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, gone.id));
    const out = await trip(connection, { sub: 'gone', email: gone.email, emailVerified: true });
    expect(await finishCompanySignIn(out.callback, out.binding, request)).toMatchObject({ ok: false, problem: 'deactivated' });

    const waiting = await makeUser({ email: `new@${domain}`, password: undefined, state: 'pending' });
    const back = await trip(connection, { sub: 'new', email: waiting.email, emailVerified: true });
    expect(await finishCompanySignIn(back.callback, back.binding, request)).toMatchObject({ ok: true, outcome: { userId: waiting.id } });
    const [row] = await db().select({ state: users.state }).from(users).where(eq(users.id, waiting.id));
    expect(row?.state).toBe('active');
  });

  it('says the provider is unavailable when it cannot be reached', async () => {
    const domain = `down-${tag()}.test`;
    const connection = await connect(domain, { issuer: 'http://127.0.0.1:9' });
    expect(await startCompanySignIn({ connectionId: connection, locale: 'en', loginHint: null, callbackPath: '/en/account' })).toEqual({ ok: false, problem: 'unavailable' });
  });
});

describe('a company that enforces its own sign-in', () => {
  it('keeps its accounts off passwords, reset emails and links sent before', async () => {
    const domain = `strict-${tag()}.test`;
    const person = await makeUser({ email: `fay@${domain}` });
    const { token, hash } = newLinkToken();
    await insertToken({ userId: person.id, purpose: 'password_reset', tokenHash: hash, locale: 'en', expiresInMinutes: 60 }, db());
    await connect(domain, { mode: 'enforce' });

    const attempt = { password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] };
    expect(await signInWithPassword({ ...attempt, identifier: person.email })).toEqual({ ok: false, reason: 'companySignIn' });
    expect(await signInWithPassword({ ...attempt, identifier: person.username! })).toEqual({ ok: false, reason: 'companySignIn' });
    expect(await signInWithPassword({ ...attempt, identifier: person.username!, password: 'wrong password entirely' })).toEqual({ ok: false, reason: 'invalid' });

    // Asked by username, the page said "check your email" as for anyone: the email says why no
    // link came, in the language asked in, once however often someone asks.
    await requestEmailedLink({ kind: 'password_reset', identifier: person.username!, locale: 'fr', ip: null });
    await requestEmailedLink({ kind: 'magic_link', identifier: person.username!, locale: 'en', ip: null });
    await handleQueuedRequests();
    const emails = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, person.id));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: 'companySignIn', locale: 'fr', recipient: person.email, sealedSecrets: null });
    expect(emails[0]!.props).toMatchObject({ company: `Company ${domain}`, asked: 'password_reset' });
    const rendered = await renderEmail({ template: 'companySignIn', locale: 'fr', recipient: person.email, props: emails[0]!.props });
    expect(rendered.subject).toBe(fr.Emails.companySignIn.subject.replace('{siteName}', 'Sésame').replace('{company}', `Company ${domain}`));
    expect(rendered.text).toContain(`/fr/login/sso?identifier=${encodeURIComponent(person.email)}`);
    // Another person of the company asks for a one-time link, in English: told the same, in English.
    const colleague = await makeUser({ email: `hal@${domain}` });
    await requestEmailedLink({ kind: 'magic_link', identifier: colleague.username!, locale: 'en', ip: null });
    await handleQueuedRequests();
    const [told] = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, colleague.id));
    const english = await renderEmail({ template: 'companySignIn', locale: 'en', recipient: colleague.email, props: told!.props });
    expect(english.text).toContain(en.Emails.companySignIn.askedLink.replaceAll('{siteName}', 'Sésame').replace('{company}', `Company ${domain}`));
    expect(english.text).toContain(`/en/login/sso?identifier=${encodeURIComponent(colleague.email)}`);

    const refusals = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetUserId, person.id), eq(auditEvents.event, 'recovery.refused')));
    expect(refusals.map((row) => (row.detail as { reason: string }).reason)).toEqual(['company_sign_in', 'company_sign_in']);

    expect(await inspectToken(token, 'password_reset', ['active'])).toEqual({ ok: false, problem: 'companySignIn' });
  });

  it('tells an address at an enforcing domain to use its company before any password is compared, whether or not an account has it', async () => {
    const domain = `told-${tag()}.test`;
    const person = await makeUser({ email: `ida@${domain}` });
    await connect(domain, { mode: 'enforce' });
    const ip = '192.0.2.8';
    const attempt = { ip, userAgent: null, knownDevices: [] };
    const countersBefore = await db().select().from(signInThrottle);
    for (const identifier of [person.email, `nobody-${tag()}@${domain}`, `IDA@${domain.toUpperCase()}`]) {
      expect(await signInWithPassword({ ...attempt, identifier, password: 'wrong password entirely' })).toEqual({ ok: false, reason: 'companySignIn' });
    }
    // Nothing was counted, against the account, the unknown address or the network address: no
    // password was compared. Nor was a failed sign-in recorded.
    expect(await db().select().from(signInThrottle)).toEqual(countersBefore);
    const recorded = await db().select({ event: auditEvents.event }).from(auditEvents).where(and(eq(auditEvents.ip, ip), like(auditEvents.event, 'sign_in.%')));
    expect(recorded).toEqual([]);
    // Another domain's unknown address is answered as any unknown identifier.
    expect(await signInWithPassword({ ...attempt, identifier: `nobody-${tag()}@elsewhere-${tag()}.test`, password: 'wrong password entirely' })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('leaves passwords to accounts of a company that allows both', async () => {
    const domain = `relaxed-${tag()}.test`;
    const person = await makeUser({ email: `gil@${domain}` });
    await connect(domain, { mode: 'allow' });
    const result = await signInWithPassword({ identifier: person.email, password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] });
    expect(result).toMatchObject({ ok: true });
  });

  it('follows the account, not its address: a linked identity keeps it on the company’s sign-in after its address moves', async () => {
    const domain = `linked-${tag()}.test`;
    const connection = await connect(domain, { mode: 'enforce' });
    const person = await makeUser({ email: `ida@${domain}` });
    const { callback, binding } = await trip(connection, { sub: 'ida', email: `ida@${domain}`, emailVerified: true });
    expect(await finishCompanySignIn(callback, binding, request)).toMatchObject({ ok: true });

    // The company sign-in counts as a recent confirmation: the person tries to move out at once.
    const user = (await findUserById(person.id))!;
    expect(await requestEmailChange(user, `ida.private-${tag()}@example.com`, { ip: null })).toEqual({ ok: false, problem: 'companySignIn', company: `Company ${domain}` });
    const [refused] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, person.id), eq(auditEvents.event, 'email_change.refused')));
    expect(refused?.detail).toMatchObject({ reason: 'company_sign_in' });
    // Another address of the company is fine.
    expect(await requestEmailChange(user, `ida.new@${domain}`, { ip: null })).toMatchObject({ ok: true });

    // An address moved some other way (before this rule, or by hand): still no password, no link.
    const elsewhere = `ida.elsewhere-${tag()}@example.com`;
    await db().update(users).set({ email: elsewhere }).where(eq(users.id, person.id));
    const attempt = { password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] };
    for (const identifier of [elsewhere, person.username!]) {
      expect(await signInWithPassword({ ...attempt, identifier }), identifier).toEqual({ ok: false, reason: 'companySignIn' });
    }
    const { token, hash } = newLinkToken();
    await insertToken({ userId: person.id, purpose: 'magic_link', tokenHash: hash, locale: 'en', expiresInMinutes: 15 }, db());
    expect(await inspectToken(token, 'magic_link', ['active'])).toEqual({ ok: false, problem: 'companySignIn' });
    await requestEmailedLink({ kind: 'password_reset', identifier: elsewhere, locale: 'en', ip: null });
    await handleQueuedRequests();
    const sent = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, person.id));
    expect(sent.map((email) => email.template)).not.toContain('passwordReset');
    expect(sent.map((email) => email.template)).toContain('companySignIn');

    // Only an admin's unlinking (audited) ends it.
    await db().delete(ssoIdentities).where(eq(ssoIdentities.userId, person.id));
    expect(await signInWithPassword({ ...attempt, identifier: elsewhere })).toMatchObject({ ok: true });
  });

  it('welcomes an account made at its domain with its sign-in, never with a link that sets a password', async () => {
    const domain = `welcome-${tag()}.test`;
    await connect(domain, { mode: 'enforce' });
    const pending = await makeUser({ email: `jo@${domain}`, state: 'pending', password: undefined, locale: 'fr' });
    const [welcome, ...others] = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, pending.id));
    expect(others).toEqual([]);
    expect(welcome).toMatchObject({ template: 'companySignIn', locale: 'fr', sealedSecrets: null });
    expect(welcome!.props).toMatchObject({ asked: 'activation', company: `Company ${domain}` });
    const rendered = await renderEmail({ template: 'companySignIn', locale: 'fr', recipient: pending.email, props: welcome!.props });
    expect(rendered.text).toContain(fr.Emails.companySignIn.askedActivation.replaceAll('{siteName}', 'Sésame').replaceAll('{company}', `Company ${domain}`));
    expect(rendered.text).toContain(`/fr/login/sso?identifier=${encodeURIComponent(pending.email)}`);
    expect(await db().select().from(accountTokens).where(eq(accountTokens.userId, pending.id))).toEqual([]);

    // A welcome link sent before the company enforced its sign-in opens no password form.
    const { token, hash } = newLinkToken();
    await insertToken({ userId: pending.id, purpose: 'activation', tokenHash: hash, locale: 'fr', expiresInMinutes: 60 }, db());
    expect(await openActivation(token)).toEqual({ ok: false, problem: 'companySignIn' });
  });

  it('refuses a second identity of the same company for an address already linked, and says so in the audit log', async () => {
    const domain = `twice-${tag()}.test`;
    const connection = await connect(domain, { mode: 'enforce' });
    const person = await makeUser({ email: `kim@${domain}` });
    const first = await trip(connection, { sub: 'kim-1', email: `kim@${domain}`, emailVerified: true });
    expect(await finishCompanySignIn(first.callback, first.binding, request)).toMatchObject({ ok: true, outcome: { userId: person.id } });
    const second = await trip(connection, { sub: 'kim-2', email: `kim@${domain}`, emailVerified: true });
    expect(await finishCompanySignIn(second.callback, second.binding, request)).toMatchObject({ ok: false, problem: 'otherIdentity' });
    expect((await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, person.id))).map((row) => row.subject)).toEqual(['kim-1']);
    const failures = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, person.id), eq(auditEvents.event, 'sso.failed')));
    expect(failures.map((row) => (row.detail as { reason: string }).reason)).toEqual(['other_identity']);
    // The first identity still signs in.
    const again = await trip(connection, { sub: 'kim-1', email: `kim@${domain}`, emailVerified: true });
    expect(await finishCompanySignIn(again.callback, again.binding, request)).toMatchObject({ ok: true, outcome: { userId: person.id } });
  });
});
