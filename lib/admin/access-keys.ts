import 'server-only';
import { insertAccessKey, listAccessKeys, revokeAccessKey, type ListedAccessKey } from '@/lib/db/access-keys';
import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/permissions/can';
import { checkDisplayName, type DisplayNameProblem } from '@/lib/validation/display-name';
import { makeAccessKey } from './access-key-format';
import { done } from './account-changes';
import { inReach, type AdminResult } from './user-actions';

// API access keys an admin makes for an account. Like every admin operation, the account is
// found through the actor's reach, and each change commits with its audit event and the
// notice to the account's owner. The secret leaves here once, to be shown once; only its
// hash is kept.

type Request = { ip: string | null };

export const ACCESS_KEY_NAME_MAX = 100;
export type AccessKeyNameProblem = 'required' | DisplayNameProblem;

/** The name the admin gives a key, as it is stored and shown. */
export function checkAccessKeyName(raw: string): { ok: true; name: string } | { ok: false; problem: AccessKeyNameProblem } {
  const checked = checkDisplayName(raw, ACCESS_KEY_NAME_MAX);
  if (checked.ok && checked.name === '') return { ok: false, problem: 'required' };
  return checked;
}

export type NewKeyResult =
  | { ok: true; keyId: string; name: string; secret: string }
  | { ok: false; problem: 'notFound' | 'notApplicable' }
  | { ok: false; problem: 'name'; nameProblem: AccessKeyNameProblem };

/** The keys of an account in the actor's reach; null when it is out of reach. */
export async function accessKeysOf(actor: Actor, targetId: string): Promise<ListedAccessKey[] | null> {
  const target = await inReach(actor, 'user.accessKeys', targetId);
  return target ? listAccessKeys(target.id) : null;
}

/** A key acts with its owner's rights, so only an active account gets one. */
export async function createAccessKey(actor: Actor, targetId: string, rawName: string, request: Request): Promise<NewKeyResult> {
  const target = await inReach(actor, 'user.accessKeys', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  const name = checkAccessKeyName(rawName);
  if (!name.ok) return { ok: false, problem: 'name', nameProblem: name.problem };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  const key = makeAccessKey();
  const created = await db().transaction(async (tx) => {
    const row = await insertAccessKey({ userId: target.id, name: name.name, secretHash: key.secretHash, displayPrefix: key.displayPrefix, createdByUserId: actor.id }, tx);
    await done(tx, actor, target, request, {
      event: 'admin.access_key_created',
      notice: 'accessKeyCreated',
      detail: { keyId: row.id, name: row.name, prefix: row.displayPrefix },
    });
    return row;
  });
  return { ok: true, keyId: created.id, name: created.name, secret: key.secret };
}

export async function revokeUserAccessKey(actor: Actor, targetId: string, keyId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.accessKeys', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  const revoked = await db().transaction(async (tx) => {
    const row = await revokeAccessKey(target.id, keyId, tx);
    if (!row) return false;
    await done(tx, actor, target, request, {
      event: 'admin.access_key_revoked',
      notice: 'accessKeyRevoked',
      detail: { keyId: row.id, name: row.name, prefix: row.displayPrefix },
    });
    return true;
  });
  return revoked ? { ok: true } : { ok: false, problem: 'notApplicable' };
}

/**
 * A new secret for a live key (a leak, a departure): the old one stops working in the same
 * transaction that makes its successor, under the same name, so there is never a moment with
 * both or neither. The owner gets one notice that says both.
 */
export async function regenerateAccessKey(actor: Actor, targetId: string, keyId: string, request: Request): Promise<NewKeyResult> {
  const target = await inReach(actor, 'user.accessKeys', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  const key = makeAccessKey();
  const created = await db().transaction(async (tx) => {
    const old = await revokeAccessKey(target.id, keyId, tx);
    if (!old) return null;
    const row = await insertAccessKey({ userId: target.id, name: old.name, secretHash: key.secretHash, displayPrefix: key.displayPrefix, createdByUserId: actor.id }, tx);
    await done(tx, actor, target, request, {
      event: 'admin.access_key_revoked',
      detail: { keyId: old.id, name: old.name, prefix: old.displayPrefix, replacedBy: row.id },
    });
    await done(tx, actor, target, request, {
      event: 'admin.access_key_created',
      notice: 'accessKeyRegenerated',
      detail: { keyId: row.id, name: row.name, prefix: row.displayPrefix, replaces: old.id },
    });
    return row;
  });
  return created ? { ok: true, keyId: created.id, name: created.name, secret: key.secret } : { ok: false, problem: 'notApplicable' };
}
