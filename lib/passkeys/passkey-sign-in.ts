import 'server-only';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { SignInRequest } from '@/lib/auth/sign-in-request';
import { afterPasskey, type SignInOutcome } from '@/lib/auth/sign-in-stages';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { findPasskeyByCredentialId, recordPasskeyUse } from '@/lib/db/passkeys';
import { findUserById } from '@/lib/db/users';
import { newChallenge, spendAnsweredChallenge } from './ceremony-challenge';
import { relyingParty } from './relying-party';
import { PASSKEY_CEREMONY_MINUTES } from '@/lib/policy';

/**
 * A challenge for whichever passkey the person picks: no account is named, so the answer says
 * nothing about which accounts exist.
 */
export async function passkeySignInOptions() {
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: 'required',
    challenge: newChallenge('sign_in', null),
    timeout: PASSKEY_CEREMONY_MINUTES * 60_000,
  });
}

export type PasskeySignIn = { ok: true; outcome: SignInOutcome } | { ok: false; reason: 'failed' | 'copied' | 'inactive' };

/**
 * Signs in with a passkey's answer: a challenge this site issued and nobody spent, signed on
 * this site by a registered passkey whose user was verified, with a counter above the last one
 * seen (a lower or equal one means the key was copied: refused, and recorded). An account that
 * is not active stays out, as with a password.
 */
export async function signInWithPasskey(response: AuthenticationResponseJSON, request: SignInRequest): Promise<PasskeySignIn> {
  const passkey = await findPasskeyByCredentialId(response.id);
  if (!passkey) return { ok: false, reason: 'failed' };
  const { id, origin } = relyingParty();
  let echoed: string | null = null;
  let copied = false;
  const verification = await verifyAuthenticationResponse({
    response,
    // Checked below, where it is spent in the transaction that starts the session.
    expectedChallenge: (value) => ((echoed = value), true),
    expectedOrigin: origin,
    expectedRPID: id,
    credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: passkey.transports },
    requireUserVerification: true,
  }).catch((error: unknown) => {
    copied = error instanceof Error && /counter/i.test(error.message);
    return null;
  });
  const audit = { targetUserId: passkey.userId, ip: request.ip };
  if (copied) {
    await recordAudit({ event: 'passkey.failed', ...audit, detail: { reason: 'counter', name: passkey.name } });
    return { ok: false, reason: 'copied' };
  }
  if (!verification?.verified || echoed === null) return { ok: false, reason: 'failed' };
  const challenge: string = echoed;
  const user = await findUserById(passkey.userId);
  if (!user) return { ok: false, reason: 'failed' };
  if (user.state !== 'active') {
    await recordAudit({ event: 'sign_in.failed', ...audit, detail: { reason: user.state, method: 'passkey' } });
    return { ok: false, reason: 'inactive' };
  }
  return db().transaction(async (tx) => {
    if (!(await spendAnsweredChallenge(challenge, { ceremony: 'sign_in', userId: null }, tx))) return { ok: false as const, reason: 'failed' as const };
    if (!(await recordPasskeyUse(passkey.id, passkey.counter, verification.authenticationInfo.newCounter, tx))) {
      return { ok: false as const, reason: 'failed' as const };
    }
    return { ok: true as const, outcome: await afterPasskey(tx, { ...user, mustChangePassword: false }, request) };
  });
}
