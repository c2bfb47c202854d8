import 'server-only';
import { db } from '@/lib/db/client';
import { deleteIdentity, listIdentities } from '@/lib/db/sso';
import type { Actor } from '@/lib/permissions/can';
import { done } from './account-changes';
import { inReach, type AdminResult } from './user-actions';

type Request = { ip: string | null };

/** The company identities linked to an account in the actor's reach, or null. */
export async function companyIdentitiesOf(actor: Actor, userId: string) {
  const target = await inReach(actor, 'user.ssoIdentities', userId);
  return target ? listIdentities(target.id) : null;
}

/**
 * Unlinks a company identity (someone left the company, or the wrong person was linked): that
 * identity no longer reaches the account, though the account's verified address would link
 * it again at the next company sign-in unless the provider no longer vouches for it.
 */
export async function removeCompanyIdentity(actor: Actor, userId: string, identityId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.ssoIdentities', userId);
  if (!target) return { ok: false, problem: 'notFound' };
  return db().transaction(async (tx) => {
    const connection = await deleteIdentity(target.id, identityId, tx);
    if (connection === null) return { ok: false as const, problem: 'notApplicable' as const };
    await done(tx, actor, target, request, { event: 'admin.sso_identity_removed', notice: 'ssoIdentityRemoved', detail: { connection } });
    return { ok: true as const };
  });
}
