import '../../helpers/mock-next-request';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerOf, form, requestState, resetRequestState } from '../../helpers/server-action-context';
import { updateProfileAction } from '@/app/[locale]/account/profile-action';
import { noResult } from '@/lib/actions/form-result';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();
beforeEach(resetRequestState);

describe('the profile form', () => {
  it('refuses a language that is not one of the list, in the form’s language, and changes nothing', async () => {
    const made = await makeUser({ name: 'Camille Dubois', locale: 'fr' });
    const token = await createSession({ userId: made.id, ip: null, userAgent: null, absoluteHours: 1 });
    requestState.sessionToken = token;
    for (const language of ['', 'de', 'fr\u0000']) {
      const answer = await answerOf(() => updateProfileAction(noResult, form({ locale: 'fr', name: 'Camille D.', phone: '', phoneRegion: '', language })));
      expect(answer, JSON.stringify(language)).toEqual({
        kind: 'result',
        value: expect.objectContaining({ ok: false, fieldErrors: expect.objectContaining({ language: ['Choisissez une langue dans la liste.'] }) }),
      });
    }
    const [row] = await db().select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, made.id));
    expect(row).toEqual({ name: 'Camille Dubois', locale: 'fr' });
  });
});
