import 'server-only';
import { db } from '@/lib/db/client';
import { deletePasskey, listPasskeys } from '@/lib/db/passkeys';
import type { Actor } from '@/lib/permissions/can';
import { done } from './account-changes';
import { inReach, type AdminResult } from './user-actions';

type Request = { ip: string | null };

/** The passkeys of an account in the actor's reach, or null. */
export async function passkeysOf(actor: Actor, userId: string) {
  const target = await inReach(actor, 'user.passkeys', userId);
  return target ? listPasskeys(target.id) : null;
}

/** A lost or stolen device: its passkey signs nobody in any more, and the owner is told. */
export async function removeUserPasskey(actor: Actor, userId: string, passkeyId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.passkeys', userId);
  if (!target) return { ok: false, problem: 'notFound' };
  return db().transaction(async (tx) => {
    const name = await deletePasskey(target.id, passkeyId, tx);
    if (name === null) return { ok: false as const, problem: 'notApplicable' as const };
    await done(tx, actor, target, request, { event: 'admin.passkey_removed', notice: 'passkeyRemoved', detail: { name } });
    return { ok: true as const };
  });
}
