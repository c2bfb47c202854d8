import 'server-only';
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import { deletePasskey, insertPasskey, passkeyCredentialIds } from '@/lib/db/passkeys';
import { queueEmail } from '@/lib/email/outbox';
import type { SecurityEvent } from '@/lib/email/templates/security-notice';
import { messagesFor } from '@/lib/messages/message-source';
import type { AppLocale } from '@/lib/i18n/routing';
import { newChallenge, spendAnsweredChallenge } from './ceremony-challenge';
import { relyingParty } from './relying-party';
import { PASSKEY_CEREMONY_MINUTES } from '@/lib/policy';

type Person = { id: string; email: string; name: string; locale: AppLocale };
type Request = { ip: string | null; userAgent: string | null };

/**
 * What the browser needs to make a passkey for this account: a discoverable credential (so it
 * can sign in from an empty identifier field) that checks who unlocks it, never one of the
 * account's passkeys again.
 */
export async function passkeyRegistrationOptions(person: Person) {
  const { id } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: (await messagesFor(person.locale)).Metadata.siteName,
    rpID: id,
    userName: person.email,
    userDisplayName: person.name || person.email,
    userID: new TextEncoder().encode(person.id),
    attestationType: 'none',
    excludeCredentials: await passkeyCredentialIds(person.id),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    challenge: newChallenge('register', person.id),
    timeout: PASSKEY_CEREMONY_MINUTES * 60_000,
  });
  return options;
}

/** The account's change told to its owner, in the transaction that made it. */
async function tellOwner(tx: Executor, person: Person, request: Request, event: 'passkey.added' | 'passkey.removed', notice: SecurityEvent, name: string, actorUserId = person.id) {
  await recordAudit({ event, actorUserId, targetUserId: person.id, ip: request.ip, detail: { name } }, tx);
  await queueEmail(tx, {
    template: 'securityNotice',
    to: person.email,
    locale: person.locale,
    userId: person.id,
    props: { name: person.name || null, event: notice, occurredAt: new Date().toISOString() },
  });
}

export type Added = { ok: true } | { ok: false; problem: 'failed' | 'taken' };

/**
 * Keeps the passkey the browser made, once its answer is checked against a challenge this
 * account was given and not yet spent, this site's id and origin, and a verified user.
 */
export async function addPasskey(person: Person, name: string, response: RegistrationResponseJSON, request: Request): Promise<Added> {
  const { id, origin } = relyingParty();
  let echoed: string | null = null;
  const verification = await verifyRegistrationResponse({
    response,
    // Checked below, where it is spent in the transaction that keeps the passkey.
    expectedChallenge: (value) => ((echoed = value), true),
    expectedOrigin: origin,
    expectedRPID: id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified || echoed === null) return { ok: false, problem: 'failed' };
  const { credential } = verification.registrationInfo;
  const challenge: string = echoed;
  return db().transaction(async (tx) => {
    if (!(await spendAnsweredChallenge(challenge, { ceremony: 'register', userId: person.id }, tx))) return { ok: false as const, problem: 'failed' as const };
    const stored = await insertPasskey(
      {
        userId: person.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
      },
      tx,
    );
    if (!stored) return { ok: false as const, problem: 'taken' as const };
    await tellOwner(tx, person, request, 'passkey.added', 'passkeyAdded', name);
    return { ok: true as const };
  });
}

/** Removes one of the person's passkeys (by its owner, or by `actorUserId` for them). */
export async function removePasskey(person: Person, passkeyId: string, request: Request, actorUserId = person.id): Promise<boolean> {
  return db().transaction(async (tx) => {
    const name = await deletePasskey(person.id, passkeyId, tx);
    if (name === null) return false;
    await tellOwner(tx, person, request, 'passkey.removed', 'passkeyRemoved', name, actorUserId);
    return true;
  });
}
