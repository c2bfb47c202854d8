import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { companyIdentitiesOf, removeCompanyIdentity } from '@/lib/admin/sso-identities';
import { db } from '@/lib/db/client';
import { auditEvents, ssoIdentities } from '@/lib/db/schema';
import { saveConnection } from '@/lib/db/sso';
import { sealClientSecret } from '@/lib/sso/client-secret';
import { actorOf } from '../../helpers/api';
import { withMigratedDatabase } from '../../helpers/database';
import { emailsTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.80' };

async function linked(team: string) {
  const tag = Math.random().toString(36).slice(2, 8);
  const connectionId = (await db().transaction((tx) =>
    saveConnection(
      null,
      { name: `Initech ${tag}`, issuer: 'https://login.initech.test', clientId: 'sesame', clientSecretSealed: sealClientSecret('s3cret'), scopes: 'openid email', mode: 'allow', createAccounts: false, defaultTeamId: null, defaultRole: 'user' },
      [`initech-${tag}.test`],
      tx,
    ),
  ))!;
  const owner = await makeUser({ email: `milton@initech-${tag}.test`, locale: 'fr', team });
  const [identity] = await db().insert(ssoIdentities).values({ userId: owner.id, connectionId, subject: `milton-${tag}`, email: owner.email }).returning();
  return { owner, identity: identity!, company: `Initech ${tag}` };
}

describe('unlinking a company identity from the admin area', () => {
  it('removes it, audits it and tells the owner in their language; a manager of another team cannot', async () => {
    const { owner, identity, company } = await linked('Stapler');
    const stranger = await actorOf((await makeUser({ role: 'manager', team: 'Elsewhere' })).id);
    expect(await companyIdentitiesOf(stranger, owner.id)).toBeNull();
    expect(await removeCompanyIdentity(stranger, owner.id, identity.id, request)).toEqual({ ok: false, problem: 'notFound' });

    const manager = await actorOf((await makeUser({ role: 'manager', team: 'Stapler' })).id);
    expect((await companyIdentitiesOf(manager, owner.id))?.map((row) => row.connectionName)).toEqual([company]);
    expect(await removeCompanyIdentity(manager, owner.id, identity.id, request)).toEqual({ ok: true });
    expect(await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, owner.id))).toEqual([]);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetUserId, owner.id), eq(auditEvents.event, 'admin.sso_identity_removed')));
    expect(audit.map((row) => [row.actorUserId, row.detail])).toEqual([[manager.id, { connection: company }]]);
    const notices = (await emailsTo(owner.email)).filter((email) => email.template === 'adminNotice');
    expect(notices.map((email) => [email.locale, (email.props as { event: string }).event])).toEqual([['fr', 'ssoIdentityRemoved']]);

    // Gone already: nothing more happens, and nobody is told twice.
    expect(await removeCompanyIdentity(manager, owner.id, identity.id, request)).toEqual({ ok: false, problem: 'notApplicable' });
    expect((await emailsTo(owner.email)).filter((email) => email.template === 'adminNotice')).toHaveLength(1);
  });
});
