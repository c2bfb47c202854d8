import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { auditEvents, emailOutbox, translationChanges, translationOverrides } from '@/lib/db/schema';
import { renderEmail } from '@/lib/email/render';
import { emailTemplates } from '@/lib/email/templates';
import { forgetLoadedMessages, messagesFor } from '@/lib/messages/message-source';
import type { Actor } from '@/lib/permissions/can';
import {
  discardDraft,
  exportOverrides,
  historyOf,
  importOverrides,
  publishDrafts,
  revertToShipped,
  rollBackTo,
  saveDraft,
} from '@/lib/translations/editor';
import { listTranslations, neighboursOf, PAGE_SIZE, readTranslationQuery, translationRows } from '@/lib/translations/list';
import { overrideRows } from '@/lib/db/translations';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '203.0.113.9' };
const KEY = 'Emails.passwordReset.heading';
const SHIPPED_FR = 'Réinitialisez votre mot de passe';

type Editor = Actor & { name: string; email: string };

async function actor(role: Actor['role'], overrides: { name?: string; locale?: 'en' | 'fr' } = {}): Promise<Editor> {
  const user = await makeUser({ role, ...overrides });
  return { id: user.id, role, teamId: null, state: 'active', name: user.name ?? '', email: user.email };
}

/** Another editor approves every draft, one by one, as texts of sign-in pages and emails require. */
async function approveAll(reviewer: Editor) {
  for (const row of (await overrideRows()).filter((candidate) => candidate.draft !== null)) {
    expect(await publishDrafts(reviewer, { locale: row.locale, key: row.key }, request)).toMatchObject({ ok: true });
  }
}

async function frenchResetEmail() {
  const { props, secrets } = emailTemplates.passwordReset.preview;
  return renderEmail({ template: 'passwordReset', locale: 'fr', recipient: 'camille@example.com', props, secrets });
}

async function clean() {
  await db().delete(translationOverrides);
  await db().delete(translationChanges);
  await db().delete(emailOutbox).where(eq(emailOutbox.template, 'sensitiveTextPublished'));
  forgetLoadedMessages();
}

describe('editing translations', () => {
  it('keeps a draft from visitors and shows it in previews; publishing shows it to pages and emails', async () => {
    await clean();
    const editor = await actor('editor');
    expect(await saveDraft(editor, 'fr', KEY, 'Choisissez un nouveau mot de passe')).toEqual({ ok: true });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe(SHIPPED_FR);
    expect((await messagesFor('fr', { drafts: true })).Emails.passwordReset.heading).toBe('Choisissez un nouveau mot de passe');
    expect((await frenchResetEmail()).html).not.toContain('Choisissez un nouveau mot de passe');

    const reviewer = await actor('editor');
    expect(await publishDrafts(reviewer, { locale: 'fr', key: KEY }, request)).toEqual({ ok: true, published: 1, awaitingApproval: 0 });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe('Choisissez un nouveau mot de passe');
    expect((await frenchResetEmail()).html).toContain('Choisissez un nouveau mot de passe');
    const events = await db().select().from(auditEvents).where(and(eq(auditEvents.event, 'translations.published'), eq(auditEvents.actorUserId, reviewer.id)));
    expect(events.map((event) => event.detail)).toEqual([{ locale: 'fr', key: KEY, approved: true }]);
  });

  it('refuses an invalid draft and saves nothing', async () => {
    await clean();
    const editor = await actor('editor');
    const result = await saveDraft(editor, 'fr', 'Emails.passwordReset.subject', 'Réinitialisez votre mot de passe');
    expect(result).toEqual({ ok: false, problem: 'invalid', problems: [{ code: 'missing', names: ['{siteName}'] }] });
    expect(await overrideRows()).toEqual([]);
  });

  it('discards a draft without touching what visitors see', async () => {
    await clean();
    const editor = await actor('editor');
    await saveDraft(editor, 'fr', KEY, 'Brouillon');
    expect(await discardDraft(editor, 'fr', KEY)).toEqual({ ok: true });
    expect((await messagesFor('fr', { drafts: true })).Emails.passwordReset.heading).toBe(SHIPPED_FR);
    expect(await discardDraft(editor, 'fr', KEY)).toEqual({ ok: false, problem: 'nothing' });
  });

  it('reverts to the shipped text, and rolls back to an earlier published text, keeping who, when, old and new', async () => {
    await clean();
    const editor = await actor('editor');
    const admin = await actor('admin');
    await saveDraft(editor, 'fr', KEY, 'Première version');
    await approveAll(admin);
    await saveDraft(admin, 'fr', KEY, 'Deuxième version');
    await approveAll(editor);
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe('Deuxième version');

    expect(await revertToShipped(editor, 'fr', KEY, request)).toEqual({ ok: true });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe(SHIPPED_FR);
    expect((await frenchResetEmail()).html).toContain(SHIPPED_FR);

    const history = await historyOf(editor, 'fr', KEY);
    expect(history.map((change) => [change.kind, change.oldValue, change.newValue, change.actorEmail])).toEqual([
      ['revert', 'Deuxième version', null, expect.stringContaining('@example.com')],
      ['publish', 'Première version', 'Deuxième version', expect.any(String)],
      ['draft', null, 'Deuxième version', expect.any(String)],
      ['publish', null, 'Première version', expect.any(String)],
      ['draft', null, 'Première version', expect.any(String)],
    ]);
    // Each publish was another person's approval of the draft before it.
    expect(history.map((change) => change.approved)).toEqual([false, true, false, true, false]);
    expect(history[1]!.actorEmail).not.toBe(history[2]!.actorEmail);
    expect(history[3]!.actorEmail).not.toBe(history[4]!.actorEmail);
    expect(history[0]!.occurredAt).toBeInstanceOf(Date);

    const first = history.find((change) => change.kind === 'publish' && change.newValue === 'Première version')!;
    expect(await rollBackTo(editor, first.id, request)).toEqual({ ok: true });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe('Première version');
    expect(await rollBackTo(editor, history.find((change) => change.kind === 'draft')!.id, request)).toEqual({ ok: false, problem: 'notFound' });
  });

  it('exports the published overrides in the catalogue shape and imports them back as drafts, reporting each key', async () => {
    await clean();
    const editor = await actor('editor');
    await saveDraft(editor, 'fr', KEY, 'Exportée');
    await saveDraft(editor, 'en', 'Login.title', 'Sign in here');
    await approveAll(await actor('admin'));
    const exported = await exportOverrides(editor);
    expect(exported).toEqual({ en: { Login: { title: 'Sign in here' } }, fr: { Emails: { passwordReset: { heading: 'Exportée' } } } });

    await clean();
    const file = structuredClone(exported!) as unknown as { fr: { Emails: { passwordReset: Record<string, unknown> }; Login?: unknown } };
    file.fr.Emails.passwordReset.subject = 'Sans le nom du site';
    file.fr.Login = { nothing: 'Inconnue' };
    const result = await importOverrides(editor, JSON.stringify(file), request);
    expect(result.ok && result.lines).toEqual([
      { locale: 'en', key: 'Login.title', status: 'saved', problems: [] },
      { locale: 'fr', key: KEY, status: 'saved', problems: [] },
      { locale: 'fr', key: 'Emails.passwordReset.subject', status: 'invalid', problems: [{ code: 'missing', names: ['{siteName}'] }] },
      { locale: 'fr', key: 'Login.nothing', status: 'invalid', problems: [{ code: 'unknownKey' }] },
    ]);
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe(SHIPPED_FR);
    await approveAll(await actor('editor'));
    expect(await exportOverrides(editor)).toEqual(exported);
    expect(await importOverrides(editor, '{"de": {}}', request)).toEqual({ ok: false, problem: 'format' });
    expect(await importOverrides(editor, 'not json', request)).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses users and managers, and changes nothing for them', async () => {
    await clean();
    for (const role of ['user', 'manager'] as const) {
      const someone = await actor(role);
      expect(await saveDraft(someone, 'fr', KEY, 'Piratée')).toEqual({ ok: false, problem: 'forbidden' });
      expect(await publishDrafts(someone, 'all', request)).toEqual({ ok: false, problem: 'forbidden' });
      expect(await revertToShipped(someone, 'fr', KEY, request)).toEqual({ ok: false, problem: 'forbidden' });
      expect(await rollBackTo(someone, 1, request)).toEqual({ ok: false, problem: 'forbidden' });
      expect(await importOverrides(someone, '{"fr": {}}', request)).toEqual({ ok: false, problem: 'forbidden' });
      expect(await exportOverrides(someone)).toBeNull();
    }
    expect(await overrideRows()).toEqual([]);
  });

  it('shows what an editor types as text, even markup quoted past the check (ICU quotes), in emails and in the words pages get', async () => {
    await clean();
    const editor = await actor('editor');
    expect(await saveDraft(editor, 'fr', KEY, "Bonjour '<script>'alert(1)'</script>'")).toEqual({ ok: true });
    await approveAll(await actor('admin'));
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe("Bonjour '<script>'alert(1)'</script>'");
    const { html, text } = await frenchResetEmail();
    expect(html).toContain('Bonjour &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(text.toLowerCase()).toContain('bonjour <script>alert(1)</script>');
  });

  it('lists every key with flags, counts, search and where it appears', async () => {
    await clean();
    const editor = await actor('editor');
    await saveDraft(editor, 'en', 'Login.title', 'Sign in now');
    await saveDraft(editor, 'fr', KEY, 'Nouveau titre');
    const reviewer = await actor('editor');
    await approveAll(reviewer);
    await saveDraft(editor, 'fr', 'Login.title', 'Brouillon de connexion');
    const rows = translationRows(await overrideRows());
    const resetHeading = rows.find((row) => row.key === KEY)!;
    expect(resetHeading.flags).toMatchObject({ overridden: true, draft: false, stale: false });
    // A French draft is not stale: only a published French override is compared with the English.
    expect(rows.find((row) => row.key === 'Login.title')!.flags).toMatchObject({ overridden: true, draft: true, stale: false });

    // The English changes after the French was published: the French is stale.
    await saveDraft(editor, 'en', KEY, 'Pick a new password');
    await publishDrafts(reviewer, { locale: 'en', key: KEY }, request);
    const later = translationRows(await overrideRows());
    expect(later.find((row) => row.key === KEY)!.flags.stale).toBe(true);

    const list = listTranslations(later, readTranslationQuery({ filter: 'stale' }));
    expect(list.counts.stale).toBe(1);
    expect(list.groups).toEqual([{ group: 'Emails.passwordReset', where: { kind: 'email', template: 'passwordReset' }, rows: [expect.objectContaining({ key: KEY })] }]);
    const searched = listTranslations(later, readTranslationQuery({ q: 'brouillon de conn' }));
    expect(searched.groups).toEqual([{ group: 'Login', where: { kind: 'page', path: '/login', visitor: true }, rows: [expect.objectContaining({ key: 'Login.title' })] }]);
    expect(listTranslations(later, readTranslationQuery({})).counts.all).toBe(later.length);
  });

  it('lists 200 texts a page, and finds each text’s neighbours in the list as searched and filtered, across its pages', async () => {
    const rows = translationRows(await overrideRows());
    const all = readTranslationQuery({});
    expect(PAGE_SIZE).toBe(200);
    expect(listTranslations(rows, all).groups.flatMap((group) => group.rows)).toHaveLength(200);
    // The last text of the first page leads to the first of the second.
    expect(neighboursOf(rows, all, rows[199]!.key)).toEqual({ previous: rows[198]!.key, next: rows[200]!.key });
    expect(neighboursOf(rows, all, rows[0]!.key)).toEqual({ previous: undefined, next: rows[1]!.key });
    const searched = readTranslationQuery({ q: 'Login.passkey' });
    const found = rows.filter((row) => row.key.startsWith('Login.passkey.')).map((row) => row.key);
    expect(neighboursOf(rows, searched, found[1]!)).toEqual({ previous: found[0], next: found[2] });
    expect(neighboursOf(rows, searched, 'Login.title')).toEqual({});
  });
});

describe('texts of sign-in pages and security emails', () => {
  const PHISHING = 'URGENT : sécurisez votre compte sur https://evil.example/reset ou appelez le +1 555 0100';

  it('refuse new web addresses, email addresses and phone numbers, typed or imported, and say which', async () => {
    await clean();
    const editor = await actor('editor');
    const refused = await saveDraft(editor, 'fr', KEY, PHISHING);
    expect(refused).toEqual({ ok: false, problem: 'invalid', problems: [{ code: 'contactDetails', names: ['https://evil.example/reset', '15550100'] }] });
    for (const value of ['Écrivez à aide@evil.example', 'Allez sur evil.example', 'Appelez le ０１ ２３ ４５ ６７ ８９']) {
      expect(await saveDraft(editor, 'fr', 'Login.title', value), value).toMatchObject({ ok: false, problems: [{ code: 'contactDetails' }] });
    }
    const imported = await importOverrides(editor, JSON.stringify({ fr: { Emails: { passwordReset: { heading: PHISHING } } } }), request);
    expect(imported.ok && imported.lines.map((line) => [line.status, line.problems[0]?.code])).toEqual([['invalid', 'contactDetails']]);
    expect(await overrideRows()).toEqual([]);
    // An address the shipped text has is kept; pages of signed-in people are not held to this.
    expect(await saveDraft(editor, 'fr', 'EmailChange.errors.invalid', 'Adresse inutilisable : essayez par exemple nom@exemple.fr.')).toEqual({ ok: true });
    expect(await saveDraft(editor, 'en', 'Account.title', 'Your account at www.example.com')).toEqual({ ok: true });
  });

  it('are published only by another editor or an admin, who approves them, and every admin is told in their language', async () => {
    await clean();
    const author = await actor('editor', { name: 'Edith Author' });
    const coAuthor = await actor('editor', { name: 'Cole Author' });
    const reviewer = await actor('editor', { name: 'Rita Reviewer' });
    const adminFr = await actor('admin', { name: 'Adèle Admin', locale: 'fr' });
    const adminEn = await actor('admin', { name: 'Alan Admin', locale: 'en' });
    const former = await makeUser({ role: 'admin', state: 'deactivated' });

    await saveDraft(author, 'fr', KEY, 'Réinitialisez-le maintenant');
    await saveDraft(coAuthor, 'fr', KEY, 'Réinitialisez-le dès maintenant');
    for (const who of [author, coAuthor]) {
      expect(await publishDrafts(who, { locale: 'fr', key: KEY }, request)).toEqual({ ok: false, problem: 'needsApproval', awaitingApproval: 1 });
    }
    expect(await publishDrafts(adminFr, 'all', request)).toEqual({ ok: false, problem: 'needsApproval', awaitingApproval: 1 });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe(SHIPPED_FR);

    expect(await publishDrafts(reviewer, { locale: 'fr', key: KEY }, request)).toEqual({ ok: true, published: 1, awaitingApproval: 0 });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe('Réinitialisez-le dès maintenant');
    const [published] = await historyOf(reviewer, 'fr', KEY);
    expect(published).toMatchObject({ kind: 'publish', approved: true, actorName: 'Rita Reviewer' });

    // Every active admin of the database (earlier tests made more), this test's among them.
    const told = await db().select().from(emailOutbox).where(eq(emailOutbox.template, 'sensitiveTextPublished'));
    const ours = told.filter((email) => [adminEn.email, adminFr.email, former.email].includes(email.recipient));
    expect(ours.map((email) => [email.recipient, email.locale]).sort()).toEqual([[adminEn.email, 'en'], [adminFr.email, 'fr']].sort());
    const french = told.find((email) => email.locale === 'fr')!;
    const email = await renderEmail({ template: 'sensitiveTextPublished', locale: 'fr', recipient: adminFr.email, props: french.props });
    expect(email.text).toContain('Réinitialisez-le dès maintenant');
    expect(email.text).toMatch(/écrit par (Edith Author, Cole Author|Cole Author, Edith Author) et approuvé par Rita Reviewer/);
    expect(email.text).toContain(`/fr/admin/translations/edit?key=${encodeURIComponent(KEY)}`);
  });

  it('leave "publish all" to publish the rest, and say how many wait for approval', async () => {
    await clean();
    const editor = await actor('editor');
    await saveDraft(editor, 'en', 'Account.title', 'My account');
    await saveDraft(editor, 'fr', KEY, 'En attente');
    expect(await publishDrafts(editor, 'all', request)).toEqual({ ok: true, published: 1, awaitingApproval: 1 });
    expect((await messagesFor('en')).Account.title).toBe('My account');
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe(SHIPPED_FR);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.template, 'sensitiveTextPublished'))).toEqual([]);
  });

  it('tell the admins when an earlier text is put back', async () => {
    await clean();
    const editor = await actor('editor');
    const admin = await actor('admin');
    await saveDraft(editor, 'fr', KEY, 'Version approuvée');
    await approveAll(admin);
    await revertToShipped(editor, 'fr', KEY, request);
    await db().delete(emailOutbox).where(eq(emailOutbox.template, 'sensitiveTextPublished'));
    const earlier = (await historyOf(editor, 'fr', KEY)).find((change) => change.kind === 'publish')!;
    expect(await rollBackTo(editor, earlier.id, request)).toEqual({ ok: true });
    const [told] = await db().select().from(emailOutbox).where(eq(emailOutbox.template, 'sensitiveTextPublished'));
    expect(told?.props).toMatchObject({ how: 'rolledBack', text: 'Version approuvée', key: KEY });
  });
});
