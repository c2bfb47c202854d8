import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { translationOverrides } from '@/lib/db/schema';
import { announceTranslationsChanged } from '@/lib/db/translations';
import { renderEmail } from '@/lib/email/render';
import { emailTemplates } from '@/lib/email/templates';
import { forgetLoadedMessages, messagesFor, watchPublishedTranslations } from '@/lib/messages/message-source';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

/** What an editor's publish leaves behind: the row and the announcement, in one transaction. */
async function publish(locale: 'en' | 'fr', key: string, published: string | null, draft: string | null = null) {
  await db().transaction(async (tx) => {
    await tx
      .insert(translationOverrides)
      .values({ locale, key, published, draft })
      .onConflictDoUpdate({ target: [translationOverrides.locale, translationOverrides.key], set: { published, draft } });
    await announceTranslationsChanged(tx);
  });
}

describe('the message source', () => {
  it('puts published overrides over the shipped words, for pages and emails, and keeps drafts for previews', async () => {
    await publish('fr', 'Emails.passwordReset.subject', 'Réinitialisez votre mot de passe {siteName}', 'Brouillon {siteName}');
    await publish('fr', 'Login.title', null, 'Titre en brouillon');
    forgetLoadedMessages();
    const french = await messagesFor('fr');
    expect(french.Emails.passwordReset.subject).toBe('Réinitialisez votre mot de passe {siteName}');
    expect(french.Login.title).not.toBe('Titre en brouillon');
    expect((await messagesFor('en')).Emails.passwordReset.subject).not.toContain('Réinitialisez');

    const preview = await messagesFor('fr', { drafts: true });
    expect([preview.Emails.passwordReset.subject, preview.Login.title]).toEqual(['Brouillon {siteName}', 'Titre en brouillon']);

    const { props, secrets } = emailTemplates.passwordReset.preview;
    const email = await renderEmail({ template: 'passwordReset', locale: 'fr', recipient: 'a@example.com', props, secrets });
    expect(email.subject).toBe('Réinitialisez votre mot de passe Sésame');
  });

  it('ignores an override of a key the catalogue does not have', async () => {
    await publish('en', 'Login.nothingHere', 'stray');
    await publish('en', 'Login', 'not a message');
    forgetLoadedMessages();
    const english = await messagesFor('en');
    expect(english.Login).toEqual(expect.objectContaining({ title: expect.any(String) }));
    expect((english.Login as Record<string, unknown>).nothingHere).toBeUndefined();
  });

  it('hears of a publish made elsewhere without being told in-process', async () => {
    await watchPublishedTranslations();
    await messagesFor('en');
    await publish('en', 'Metadata.tagline', 'Heard through NOTIFY');
    await expect.poll(async () => (await messagesFor('en')).Metadata.tagline, { timeout: 8000 }).toBe('Heard through NOTIFY');
  });
});
