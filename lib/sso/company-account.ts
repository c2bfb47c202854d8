import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { findIdentity, hasOtherIdentity, insertIdentity, recordIdentityUse, type StoredConnection } from '@/lib/db/sso';
import { activatePendingUser, findUserForRecovery, findUserForRecoveryByIdentifier } from '@/lib/db/users';
import type { Locale } from '@/lib/db/schema';
import type { SignInRequest } from '@/lib/auth/sign-in-request';
import { afterCompanySignIn, type SignInOutcome } from '@/lib/auth/sign-in-stages';
import { createUser, MAX_LENGTH } from '@/lib/users/create-user';
import { checkDisplayName } from '@/lib/validation/display-name';

/** What the provider vouched for, already checked: a verified address of the connection's domains. */
export interface CompanyIdentity {
  subject: string;
  email: string;
  name: string;
}

export type CompanyAccountResult = { ok: true; outcome: SignInOutcome } | { ok: false; problem: 'noAccount' | 'deactivated' | 'otherIdentity' };

/**
 * The account a company identity signs in to: the one already linked to it; else the account
 * with its verified address, which it is linked to now; else, when the admin allowed it, a new
 * account with the connection's team and role (never ones the provider claims). An account
 * waiting for activation is activated: its company just proved the mailbox, as the link would.
 */
export async function signInCompanyAccount(
  connection: StoredConnection & { teamName: string | null },
  identity: CompanyIdentity,
  locale: Locale,
  request: SignInRequest,
): Promise<CompanyAccountResult> {
  const linked = await findIdentity(connection.id, identity.subject);
  let userId = linked?.userId ?? (await findUserForRecoveryByIdentifier({ kind: 'email', value: identity.email }))?.id;
  if (!userId) {
    if (!connection.createAccounts) {
      await recordAudit({ event: 'sso.failed', ip: request.ip, detail: { connection: connection.name, reason: 'no_account' } });
      return { ok: false, problem: 'noAccount' };
    }
    // A name the site would refuse (too long, odd characters) is left out rather than the person.
    const name = checkDisplayName(identity.name, MAX_LENGTH.name);
    const created = await createUser(
      {
        email: identity.email,
        name: name.ok ? name.name : '',
        role: connection.defaultRole,
        team: connection.teamName ?? undefined,
        locale,
        state: 'active',
        companySignIn: true,
      },
      { ip: request.ip },
    );
    // Two first sign-ins racing: the other one made the account.
    userId = created.ok ? created.id : (await findUserForRecoveryByIdentifier({ kind: 'email', value: identity.email }))?.id;
    if (!userId) throw new Error('company sign-in could not create its account');
  }

  // One person, one identity per company: a second subject vouching for an address already
  // linked to another is someone else (a reused or recycled address) until an admin unlinks the first.
  if (!linked && (await hasOtherIdentity(userId, connection.id, identity.subject))) {
    await recordAudit({ event: 'sso.failed', targetUserId: userId, ip: request.ip, detail: { connection: connection.name, reason: 'other_identity' } });
    return { ok: false, problem: 'otherIdentity' };
  }
  const user = await findUserForRecovery(userId);
  if (!user || user.state === 'deactivated') {
    await recordAudit({ event: 'sso.failed', targetUserId: userId, ip: request.ip, detail: { connection: connection.name, reason: 'deactivated' } });
    return { ok: false, problem: 'deactivated' };
  }
  const outcome = await db().transaction(async (tx) => {
    if (linked) await recordIdentityUse(linked.id, identity.email, tx);
    else {
      await insertIdentity({ userId: user.id, connectionId: connection.id, subject: identity.subject, email: identity.email }, tx);
      await recordAudit({ event: 'sso.linked', actorUserId: user.id, targetUserId: user.id, ip: request.ip, detail: { connection: connection.name } }, tx);
    }
    if (user.state === 'pending' && (await activatePendingUser(user.id, tx))) {
      await recordAudit({ event: 'activation.completed', actorUserId: user.id, targetUserId: user.id, ip: request.ip, detail: { via: 'sso' } }, tx);
    }
    return afterCompanySignIn(tx, user, request);
  });
  return { ok: true, outcome };
}
