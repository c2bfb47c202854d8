import { randomUUID } from 'node:crypto';
import { createAccessKeyAction } from '@/app/[locale]/admin/users/[id]/access-key-actions';
import { removeUserPasskeyAction } from '@/app/[locale]/admin/users/[id]/passkey-actions';
import { removeCompanyIdentityAction } from '@/app/[locale]/admin/users/[id]/sso-identity-actions';
import { deleteConnectionAction, saveConnectionAction, testConnectionAction } from '@/app/[locale]/admin/sso/actions';
import * as userPage from '@/app/[locale]/admin/users/[id]/actions';
import { bulkUnlockAction } from '@/app/[locale]/admin/users/actions';
import { createUserAction } from '@/app/[locale]/admin/users/new/actions';
import { retryEmailAction } from '@/app/[locale]/admin/emails/actions';
import type { AuditEventName } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { passkeys, ssoConnections, ssoIdentities } from '@/lib/db/schema';
import { sealClientSecret } from '@/lib/sso/client-secret';
import type { AdminAction } from '@/lib/permissions/policy';
import { noResult } from '@/lib/actions/form-result';
import { form } from './server-action-context';

export { retryEmailAction };

const PASSWORD = 'harbour violet compass 64';

/** Every admin server action aimed at one account, with the audit event it leaves when it works. */
export const userActions: Array<{
  name: string;
  permission: AdminAction;
  event: AuditEventName;
  state?: 'pending' | 'deactivated';
  locked?: true;
  /** Acts on the ticked rows it reaches and skips the rest. */
  list?: true;
  call: (userId: string) => Promise<unknown>;
}> = [
  { name: 'unlock', permission: 'user.unlock', event: 'admin.unlocked', locked: true, call: (userId) => userPage.unlockAction(form({ locale: 'fr', userId })) },
  {
    name: 'bulk unlock',
    permission: 'users.bulkUnlock',
    event: 'admin.bulk_unlocked',
    locked: true,
    list: true,
    call: (userId) => bulkUnlockAction(form({ locale: 'fr', userId: [userId] })),
  },
  { name: 'send a reset link', permission: 'user.sendResetLink', event: 'admin.reset_link_sent', call: (userId) => userPage.sendResetLinkAction(form({ locale: 'fr', userId })) },
  { name: 'email a temporary password', permission: 'user.randomPassword', event: 'admin.random_password_sent', call: (userId) => userPage.randomPasswordAction(form({ locale: 'fr', userId })) },
  { name: 'issue an access code', permission: 'user.accessCode', event: 'admin.access_code_issued', call: (userId) => userPage.accessCodeAction(form({ locale: 'fr', userId })) },
  { name: 'sign out everywhere', permission: 'user.signOutEverywhere', event: 'admin.signed_out_everywhere', call: (userId) => userPage.signOutEverywhereAction(form({ locale: 'fr', userId })) },
  { name: 'resend activation', permission: 'user.resendActivation', event: 'admin.activation_resent', state: 'pending', call: (userId) => userPage.resendActivationAction(form({ locale: 'fr', userId })) },
  { name: 'deactivate', permission: 'user.deactivate', event: 'admin.deactivated', call: (userId) => userPage.deactivateAction(form({ locale: 'fr', userId })) },
  { name: 'reactivate', permission: 'user.reactivate', event: 'admin.reactivated', state: 'deactivated', call: (userId) => userPage.reactivateAction(form({ locale: 'fr', userId })) },
  {
    name: 'set a password',
    permission: 'user.setPassword',
    event: 'admin.password_set',
    call: (userId) => userPage.setPasswordAction(noResult, form({ locale: 'fr', userId, password: PASSWORD, confirmation: PASSWORD, temporary: 'on' })),
  },
  {
    name: 'remove a passkey',
    permission: 'user.passkeys',
    event: 'admin.passkey_removed',
    call: async (userId) => {
      const [passkey] = await db().insert(passkeys).values({ userId, credentialId: randomUUID(), publicKey: 'AQID', name: 'Téléphone' }).returning({ id: passkeys.id });
      return removeUserPasskeyAction(form({ locale: 'fr', userId, passkeyId: passkey!.id }));
    },
  },
  {
    name: 'remove a company identity',
    permission: 'user.ssoIdentities',
    event: 'admin.sso_identity_removed',
    call: async (userId) => {
      const connectionId = await makeConnection();
      const [identity] = await db().insert(ssoIdentities).values({ userId, connectionId, subject: randomUUID(), email: 'person@acme.test' }).returning({ id: ssoIdentities.id });
      return removeCompanyIdentityAction(form({ locale: 'fr', userId, identityId: identity!.id }));
    },
  },
  { name: 'create an API access key', permission: 'user.accessKeys', event: 'admin.access_key_created', call: (userId) => createAccessKeyAction(form({ locale: 'fr', userId, name: 'Intégration paie' })) },
];

/** A company sign-in connection straight in the database, at a closed loopback port (a test fails at once). */
export async function makeConnection(name = `Entreprise ${randomUUID().slice(0, 8)}`): Promise<string> {
  const [row] = await db()
    .insert(ssoConnections)
    .values({ name, issuer: 'http://127.0.0.1:9', clientId: 'sesame', clientSecretSealed: sealClientSecret('company-secret'), scopes: 'openid email' })
    .returning({ id: ssoConnections.id });
  return row!.id;
}

const connectionFields = (connectionId: string, name: string) => ({
  locale: 'fr',
  connectionId,
  name,
  issuer: 'https://login.acme.test',
  clientId: 'sesame',
  clientSecret: connectionId ? '' : 'company-secret',
  scopes: 'openid email',
  domains: `${randomUUID().slice(0, 8)}.acme.test`,
  mode: 'allow',
  defaultTeamId: '',
  defaultRole: 'user',
});

/**
 * The company sign-in server actions, which reach the whole site rather than one account:
 * each with the audit event it leaves when it works (named by the connection's name) and how
 * an allowed caller is answered — a redirect, or the test's result on the page.
 */
export const connectionActions: Array<{ name: string; event: AuditEventName | null; answer: 'redirect' | 'result'; call: (connectionId: string, name: string) => Promise<unknown> }> = [
  { name: 'create a connection', event: 'admin.sso_connection_saved', answer: 'redirect', call: (_id, name) => saveConnectionAction(noResult, form(connectionFields('', name))) },
  { name: 'edit a connection', event: 'admin.sso_connection_saved', answer: 'redirect', call: (id, name) => saveConnectionAction(noResult, form(connectionFields(id, name))) },
  { name: 'test a connection', event: null, answer: 'result', call: (id) => testConnectionAction(noResult, form({ locale: 'fr', connectionId: id })) },
  { name: 'delete a connection', event: 'admin.sso_connection_deleted', answer: 'redirect', call: (id) => deleteConnectionAction(form({ locale: 'fr', connectionId: id })) },
];

/** The create-user form as posted, with a role and team that may be out of the actor's reach. */
export const createAction = (email: string, role: string, teamId: string, language = 'fr') =>
  createUserAction(noResult, form({ locale: 'fr', name: 'Nouvelle Personne', email, username: '', phone: '', phoneRegion: 'FR', role, teamId, language }));
