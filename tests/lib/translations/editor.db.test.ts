import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { auditEvents, translationChanges, translationOverrides } from '@/lib/db/schema';
import { renderEmail } from '@/lib/email/render';
import { emailTemplates } from '@/lib/email/templates';
import { forgetLoadedMessages, messagesFor } from '@/lib/i18n/message-source';
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
import { listTranslations, readTranslationQuery, translationRows } from '@/lib/translations/list';
import { overrideRows } from '@/lib/db/translations';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '203.0.113.9' };
const KEY = 'Emails.passwordReset.heading';
const SHIPPED_FR = 'Réinitialisez votre mot de passe';

async function actor(role: Actor['role']): Promise<Actor> {
  const user = await makeUser({ role });
  return { id: user.id, role, teamId: null, state: 'active' };
}

async function frenchResetEmail() {
  const { props, secrets } = emailTemplates.passwordReset.preview;
  return renderEmail({ template: 'passwordReset', locale: 'fr', recipient: 'camille@example.com', props, secrets });
}

async function clean() {
  await db().delete(translationOverrides);
  await db().delete(translationChanges);
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

    expect(await publishDrafts(editor, { locale: 'fr', key: KEY }, request)).toEqual({ ok: true, published: 1 });
    expect((await messagesFor('fr')).Emails.passwordReset.heading).toBe('Choisissez un nouveau mot de passe');
    expect((await frenchResetEmail()).html).toContain('Choisissez un nouveau mot de passe');
    const events = await db().select().from(auditEvents).where(and(eq(auditEvents.event, 'translations.published'), eq(auditEvents.actorUserId, editor.id)));
    expect(events.map((event) => event.detail)).toEqual([{ locale: 'fr', key: KEY }]);
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
    await publishDrafts(editor, 'all', request);
    await saveDraft(admin, 'fr', KEY, 'Deuxième version');
    await publishDrafts(admin, { locale: 'fr', key: KEY }, request);
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
    expect(history[1]!.actorEmail).not.toBe(history[0]!.actorEmail);
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
    await publishDrafts(editor, 'all', request);
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
    await publishDrafts(editor, 'all', request);
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
    await publishDrafts(editor, 'all', request);
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
    await publishDrafts(editor, 'all', request);
    await saveDraft(editor, 'fr', 'Login.title', 'Brouillon de connexion');
    const rows = translationRows(await overrideRows());
    const resetHeading = rows.find((row) => row.key === KEY)!;
    expect(resetHeading.flags).toMatchObject({ overridden: true, draft: false, stale: false });
    // A French draft is not stale: only a published French override is compared with the English.
    expect(rows.find((row) => row.key === 'Login.title')!.flags).toMatchObject({ overridden: true, draft: true, stale: false });

    // The English changes after the French was published: the French is stale.
    await saveDraft(editor, 'en', KEY, 'Pick a new password');
    await publishDrafts(editor, 'all', request);
    const later = translationRows(await overrideRows());
    expect(later.find((row) => row.key === KEY)!.flags.stale).toBe(true);

    const list = listTranslations(later, readTranslationQuery({ filter: 'stale' }));
    expect(list.counts.stale).toBe(1);
    expect(list.groups).toEqual([{ group: 'Emails.passwordReset', where: { kind: 'email', template: 'passwordReset' }, rows: [expect.objectContaining({ key: KEY })] }]);
    const searched = listTranslations(later, readTranslationQuery({ q: 'brouillon de conn' }));
    expect(searched.groups).toEqual([{ group: 'Login', where: { kind: 'page', path: '/login', visitor: true }, rows: [expect.objectContaining({ key: 'Login.title' })] }]);
    expect(listTranslations(later, readTranslationQuery({})).counts.all).toBe(later.length);
  });
});
