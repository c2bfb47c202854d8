import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import type { SignInMethod } from '@/lib/db/schema';
import type { AccountContact } from './new-browser-notice';
import { knowsBrowser, startSession } from './session-start';
import { issueChallenge } from './sign-in-challenge';
import type { SignInRequest } from './sign-in-request';

// A proven first factor (password, one-time link or code) comes here, and this module decides
// what follows: a session, or a challenge the person must pass first (a second factor, a new
// password in place of a temporary one) — a short-lived, single-use record on the server,
// carried by a cookie.

export type SignInOutcome =
  | { next: 'session'; userId: string; sessionToken: string }
  | { next: 'second_factor' | 'password_change'; userId: string; challengeToken: string };

export interface ProvenUser extends AccountContact {
  totpEnabledAt: Date | null;
  emailOtpEnabled: boolean;
  mustChangePassword: boolean;
}

const secondFactorDue = (user: ProvenUser, detail: Record<string, string>) => !detail.secondFactor && (user.totpEnabledAt !== null || user.emailOtpEnabled);
const newPasswordDue = (user: ProvenUser, method: SignInMethod) => method === 'password' && user.mustChangePassword;

/**
 * Whether a first factor leads straight to a session for a browser the account knows: then
 * what follows is one statement (startSession), and the caller need open no transaction.
 */
export function sessionAloneFollows(user: ProvenUser, request: SignInRequest, method: Exclude<SignInMethod, 'passkey' | 'sso'>): boolean {
  return !secondFactorDue(user, { method }) && !newPasswordDue(user, method) && knowsBrowser(request, user.id);
}

/**
 * What follows a proven factor: the second step when the account has one and it is still due,
 * then a new password when the password typed was a temporary one, then the session.
 */
export async function nextStage(
  tx: Executor,
  user: ProvenUser,
  request: SignInRequest,
  method: SignInMethod,
  detail: Record<string, string>,
): Promise<SignInOutcome> {
  if (secondFactorDue(user, detail)) {
    await recordAudit({ event: 'two_step.challenged', targetUserId: user.id, ip: request.ip, detail: { method } }, tx);
    return { next: 'second_factor', userId: user.id, challengeToken: await issueChallenge(tx, user.id, 'second_factor', method) };
  }
  // A temporary password must not stay in use; a one-time link proves the mailbox instead and
  // leaves it to expire.
  if (newPasswordDue(user, method)) {
    return { next: 'password_change', userId: user.id, challengeToken: await issueChallenge(tx, user.id, 'password_change', method) };
  }
  return { next: 'session', userId: user.id, sessionToken: await startSession(tx, user, request, detail) };
}

/** After a first factor, in the transaction that proved it. */
export async function afterFirstFactor(tx: Executor, user: ProvenUser, request: SignInRequest, method: Exclude<SignInMethod, 'passkey' | 'sso'>): Promise<SignInOutcome> {
  return nextStage(tx, user, request, method, { method });
}

/**
 * A passkey proves both factors at once — a device the person has, unlocked by what they know
 * or are (its user verification is required) — so no second step follows it.
 */
export async function afterPasskey(tx: Executor, user: ProvenUser, request: SignInRequest): Promise<SignInOutcome> {
  return nextStage(tx, user, request, 'passkey', { method: 'passkey', secondFactor: 'passkey' });
}

/**
 * A company's provider signed the person in, with whatever factors the company requires of
 * them: its answer is the whole sign-in, as with a passkey.
 */
export async function afterCompanySignIn(tx: Executor, user: ProvenUser, request: SignInRequest): Promise<SignInOutcome> {
  return nextStage(tx, user, request, 'sso', { method: 'sso', secondFactor: 'sso' });
}
