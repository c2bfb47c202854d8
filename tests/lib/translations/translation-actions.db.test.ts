import '../../helpers/mock-next-request';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerOf, form, requestState, resetRequestState } from '../../helpers/server-action-context';

import {
  discardAction,
  importAction,
  publishAction,
  publishAllAction,
  revertAction,
  rollbackAction,
  saveDraftAction,
} from '@/app/[locale]/admin/translations/actions';
import { noResult } from '@/lib/actions/form-result';
import { db } from '@/lib/db/client';
import { translationOverrides, users } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import { overrideRows } from '@/lib/db/translations';
import type { Role } from '@/lib/db/schema';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();
beforeEach(resetRequestState);

const KEY = 'Emails.passwordReset.heading';

async function signedIn(role: Role) {
  const made = await makeUser({ role });
  // Admins and managers may only act with 2-step verification on (the default policy).
  await db().update(users).set({ emailOtpEnabled: true }).where(eq(users.id, made.id));
  const token = await createSession({ userId: made.id, ip: null, userAgent: null, absoluteHours: 1 });
  requestState.sessionToken = token;
}

const calls = {
  saveDraft: () => saveDraftAction(noResult, form({ locale: 'fr', key: KEY, language: 'fr', value: 'Piratée', typography: '' })),
  publish: () => publishAction(form({ locale: 'fr', key: KEY, language: 'fr' })),
  publishAll: () => publishAllAction(form({ locale: 'fr' })),
  discard: () => discardAction(form({ locale: 'fr', key: KEY, language: 'fr' })),
  revert: () => revertAction(form({ locale: 'fr', key: KEY, language: 'fr' })),
  rollback: () => rollbackAction(form({ locale: 'fr', key: KEY, changeId: '1' })),
  import: () => importAction(noResult, form({ locale: 'fr', file: '{"fr": {}}' })),
};

describe('the translation actions', () => {
  for (const role of ['user', 'manager'] as const) {
    it(`answer a ${role} "not found" and change nothing`, async () => {
      await db().delete(translationOverrides);
      await db().insert(translationOverrides).values({ locale: 'fr', key: KEY, published: 'Publiée', draft: 'Brouillon' });
      await signedIn(role);
      for (const [name, call] of Object.entries(calls)) expect([name, await answerOf(call)]).toEqual([name, { kind: 'notFound' }]);
      expect((await overrideRows()).map((row) => [row.published, row.draft])).toEqual([['Publiée', 'Brouillon']]);
    });
  }

  it('save an editor\'s draft, with French typography when asked, and explain a refused one in the form\'s language', async () => {
    await db().delete(translationOverrides);
    await signedIn('editor');
    const saved = await answerOf(() => saveDraftAction(noResult, form({ locale: 'fr', key: KEY, language: 'fr', value: 'Nouveau mot de passe ?', typography: 'on' })));
    expect(saved).toEqual({ kind: 'redirect', to: expect.stringContaining('/fr/admin/translations/edit?key=Emails.passwordReset.heading&done=saved') });
    expect((await overrideRows())[0]!.draft).toBe('Nouveau mot de passe\u202F?');

    const refused = await answerOf(() => saveDraftAction(noResult, form({ locale: 'en', key: 'Emails.passwordReset.subject', language: 'fr', value: 'Sans nom', typography: '' })));
    expect(refused).toEqual({
      kind: 'result',
      value: expect.objectContaining({ ok: false, values: { value: 'Sans nom' }, fieldErrors: { value: ['Keep these parts, as in the other language: {siteName}.'] } }),
    });
  });

  it('import a file and report on each text', async () => {
    await db().delete(translationOverrides);
    await signedIn('editor');
    const file = new File([JSON.stringify({ fr: { Emails: { passwordReset: { heading: 'Importée', subject: 'Sans nom' } } } })], 'fr.json', { type: 'application/json' });
    const posted = form({ locale: 'en' });
    posted.append('file', file);
    const answer = await answerOf(() => importAction(noResult, posted));
    expect(answer).toEqual({
      kind: 'result',
      value: {
        ok: true,
        data: {
          summary: '1 text saved as a draft, 0 unchanged, 1 refused.',
          lines: [
            { language: 'French', key: KEY, status: 'Saved as a draft', problems: [] },
            { language: 'French', key: 'Emails.passwordReset.subject', status: 'Refused', problems: ['Keep these parts, as in the other language: {siteName}.'] },
          ],
        },
      },
    });
  });
});
