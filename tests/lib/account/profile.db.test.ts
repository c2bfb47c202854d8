import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateProfile } from '@/lib/account/profile';
import { enableEmailCodes } from '@/lib/account/two-step';
import { db } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import { withMigratedDatabase } from '../../helpers/database';
import { latestEmailTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const fresh = new Date();
const stale = new Date(Date.now() - 16 * 60_000);
const request = { ip: '198.51.100.30', userAgent: 'vitest' };

async function person(overrides: Parameters<typeof makeUser>[0] = {}) {
  const made = await makeUser(overrides);
  return (await findUserById(made.id))!;
}

describe('the profile', () => {
  it('saves name, phone and language, and later emails follow the language', async () => {
    const user = await person({ locale: 'en' });
    expect(await updateProfile({ authenticatedAt: fresh, user }, { name: '  Zoé   Martin ', phone: '+33 6 12 34 50 01', locale: 'fr' }, request.ip)).toEqual({ ok: true });
    const saved = (await findUserById(user.id))!;
    expect([saved.name, saved.phone, saved.locale]).toEqual(['Zoé Martin', '+33612345001', 'fr']);
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, user.id), eq(auditEvents.event, 'profile.updated')));
    expect(event?.detail).toEqual({ fields: 'name,phone,locale' });

    await enableEmailCodes(saved, request);
    expect((await latestEmailTo(user.email))?.locale).toBe('fr');
  });

  it('reads a number typed without its country code in the country chosen beside it, and stores E.164', async () => {
    const user = await person();
    const save = (phone: string, phoneRegion: 'CA' | 'FR') => updateProfile({ authenticatedAt: fresh, user }, { name: 'Q', phone, phoneRegion, locale: 'fr' }, null);
    expect(await save('06 12 34 50 04', 'CA')).toEqual({ ok: false, problems: { phone: 'invalid' } });
    expect(await save('514 555 0104', 'CA')).toEqual({ ok: true });
    expect((await findUserById(user.id))!.phone).toBe('+15145550104');
  });

  it('asks for a recent confirmation before the phone number, a way to sign in, changes', async () => {
    const user = await person();
    expect(await updateProfile({ authenticatedAt: stale, user }, { name: 'Someone', phone: '+33 6 12 34 50 02', locale: 'en' }, null)).toEqual({
      ok: false,
      problems: { phone: 'needsConfirmation' },
    });
    // The name alone needs none.
    expect(await updateProfile({ authenticatedAt: stale, user }, { name: 'Someone', phone: '', locale: 'en' }, null)).toEqual({ ok: true });
  });

  it('refuses a number it cannot read, one another account uses, and a name too long', async () => {
    const owner = await person({ phone: '+33 6 12 34 50 03' });
    const user = await person();
    const result = await updateProfile({ authenticatedAt: fresh, user }, { name: 'x'.repeat(201), phone: '+33 6 12 34 50 03', locale: 'en' }, null);
    expect(result).toEqual({ ok: false, problems: { name: 'tooLong', phone: 'taken' } });
    expect(await updateProfile({ authenticatedAt: fresh, user }, { name: 'Fine', phone: 'call me maybe', locale: 'en' }, null)).toEqual({
      ok: false,
      problems: { phone: 'invalid' },
    });
    expect((await findUserById(owner.id))!.phone).toBe('+33612345003');
  });
});
