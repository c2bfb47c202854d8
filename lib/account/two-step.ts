import 'server-only';
import QRCode from 'qrcode';
import { newRecoveryCode, normaliseCode, RECOVERY_CODE_COUNT } from '@/lib/auth/one-time-secrets';
import { hashRecoveryCode } from '@/lib/auth/one-time-secrets';
import { renewSession } from '@/lib/auth/session-start';
import { decryptTotpSecret, encryptTotpSecret, matchingTotpStep, newTotpSecret, totpUri } from '@/lib/auth/totp';
import { recordAudit, type AuditEventName } from '@/lib/db/audit';
import { deleteUserChallenges } from '@/lib/db/challenges';
import { db, type Executor } from '@/lib/db/client';
import {
  activatePendingTotp,
  clearTwoStep,
  countUnusedRecoveryCodes,
  findTotpState,
  replaceRecoveryCodes,
  setEmailCodes,
  setPendingTotpSecret,
} from '@/lib/db/two-step';
import type { SecurityEvent } from '@/lib/email/templates/security-notice';
import { queueEmail } from '@/lib/email/outbox';
import { messagesFor } from '@/lib/messages/message-source';
import type { AppLocale } from '@/lib/i18n/routing';

type Person = { id: string; email: string; name: string; locale: AppLocale };
type Request = { ip: string | null; userAgent: string | null };

/** Whether a second step follows the password or a sign-in link. */
export function twoStepIsOn(user: { totpEnabledAt: Date | null; emailOtpEnabled: boolean }): boolean {
  return user.totpEnabledAt !== null || user.emailOtpEnabled;
}

/** What the 2-step page shows. */
export async function twoStepStatus(userId: string) {
  const state = await findTotpState(userId);
  return { authenticator: !!state?.enabledAt, unusedRecoveryCodes: await countUnusedRecoveryCodes(userId) };
}

/**
 * A new secret waits, encrypted, for its first code; the page shows it as a QR code drawn on
 * the server (an SVG, so no script or image request carries it) and as text.
 */
export async function startAuthenticatorSetup(person: Person) {
  const state = await findTotpState(person.id);
  let secret = state?.pendingSecret ? decryptTotpSecret(state.pendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await setPendingTotpSecret(person.id, encryptTotpSecret(secret));
  }
  // The name the authenticator app lists the account under: the site's, in the person's language.
  const issuer = (await messagesFor(person.locale)).Metadata.siteName;
  const uri = totpUri(secret, { issuer, label: person.email });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, qrSvg };
}

/** The secret as people copy it: groups of four. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * Everything a change of 2-step verification means, in its transaction: the audit event, the
 * notice to the owner, sign-ins waiting for a second step and every other session ended (a cookie taken before no longer works), and
 * a new session id for this browser.
 */
async function afterChange(tx: Executor, person: Person, request: Request, change: { event: AuditEventName; notice: SecurityEvent }) {
  await recordAudit({ event: change.event, actorUserId: person.id, targetUserId: person.id, ip: request.ip }, tx);
  await deleteUserChallenges(person.id, tx);
  await queueEmail(tx, {
    template: 'securityNotice',
    to: person.email,
    locale: person.locale,
    userId: person.id,
    props: { name: person.name || null, event: change.notice, occurredAt: new Date().toISOString() },
  });
  return renewSession(tx, person.id, request);
}

async function newRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(userId, codes.map((code) => hashRecoveryCode(userId, code)), tx);
  return codes;
}

export type Enabled = { ok: true; sessionToken: string; recoveryCodes: string[] | null } | { ok: false };

/**
 * The first code from the app proves the secret reached it; then the secret is in use. The
 * first method turned on comes with 10 recovery codes, returned here to be shown once.
 */
export async function confirmAuthenticator(person: Person, typed: string, request: Request): Promise<Enabled> {
  const state = await findTotpState(person.id);
  const code = normaliseCode(typed);
  if (!state?.pendingSecret || !code) return { ok: false };
  const step = matchingTotpStep(decryptTotpSecret(state.pendingSecret), code);
  if (step === null) return { ok: false };
  return db().transaction(async (tx) => {
    if (!(await activatePendingTotp(person.id, state.pendingSecret!, step, tx))) return { ok: false as const };
    const recoveryCodes = (await countUnusedRecoveryCodes(person.id, tx)) === 0 ? await newRecoveryCodes(tx, person.id) : null;
    const sessionToken = await afterChange(tx, person, request, { event: 'two_step.enabled', notice: 'twoStepEnabled' });
    return { ok: true as const, sessionToken, recoveryCodes };
  });
}

export async function enableEmailCodes(person: Person, request: Request): Promise<Enabled & { ok: true }> {
  return db().transaction(async (tx) => {
    await setEmailCodes(person.id, true, tx);
    const recoveryCodes = (await countUnusedRecoveryCodes(person.id, tx)) === 0 ? await newRecoveryCodes(tx, person.id) : null;
    const sessionToken = await afterChange(tx, person, request, { event: 'two_step.enabled', notice: 'twoStepEnabled' });
    return { ok: true as const, sessionToken, recoveryCodes };
  });
}

/** New codes replace every earlier one, used or not. */
export async function regenerateRecoveryCodes(person: Person, request: Request) {
  return db().transaction(async (tx) => {
    const recoveryCodes = await newRecoveryCodes(tx, person.id);
    const sessionToken = await afterChange(tx, person, request, {
      event: 'two_step.recovery_codes_regenerated',
      notice: 'recoveryCodesRegenerated',
    });
    return { sessionToken, recoveryCodes };
  });
}

/** Every method and every recovery code goes. */
export async function turnOffTwoStep(person: Person, request: Request): Promise<string> {
  return db().transaction(async (tx) => {
    await clearTwoStep(person.id, tx);
    return afterChange(tx, person, request, { event: 'two_step.disabled', notice: 'twoStepDisabled' });
  });
}
