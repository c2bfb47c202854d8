// Every lifetime and limit of the site's credentials, proofs and attempts, each written once
// with the reason for its size. What a deployment tunes is read by lib/env.ts instead:
// SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS (sessions), LOCKOUT_THRESHOLD and
// LOCKOUT_MINUTES (the account's pause after failed passwords), IP_FAILURE_LIMIT and
// IP_WINDOW_MINUTES (failures per address), API_FAILURE_LIMIT and API_KEY_RATE_LIMIT (the API),
// AUDIT_RETENTION_DAYS and PASSWORD_MIN_LENGTH.

// Signing in

/** A sign-in's second step or forced password change: long enough to fetch a phone or an email, short enough that a half-done sign-in does not linger. */
export const CHALLENGE_MINUTES = 10;
/** Wrong codes one challenge takes before it is spent: a six-digit code stays a guess. */
export const MAX_CHALLENGE_ATTEMPTS = 5;
/**
 * Wrong second steps an account may have before it pauses, across sign-ins: only someone who
 * knows the password gets this far, so a stranger cannot cause this pause.
 */
export const MAX_SECOND_FACTOR_FAILURES = 10;
/** New passwords refused in one forced change before the challenge ends: a typo or two, not a search. */
export const MAX_PASSWORD_CHANGE_ATTEMPTS = 10;
/** An emailed second-step code: as long as the challenge it belongs to. */
export const EMAIL_CODE_MINUTES = 10;
/** Emailed codes one challenge may ask for ("send another"): a slow mail, not a mailbox flood. */
export const MAX_EMAIL_CODES = 3;
/** Emailed second-step codes per account an hour, whatever the challenge. */
export const MAX_EMAIL_CODES_PER_HOUR = 5;
/** Sensitive changes are open for this long after a sign-in or a password confirmation. */
export const CONFIRM_WINDOW_MINUTES = 15;
/** Long enough to pick a passkey and unlock it, short enough that a challenge does not linger. */
export const PASSKEY_CEREMONY_MINUTES = 5;
/** Long enough to sign in at the company's provider (a password, a second step), short enough to go stale. */
export const COMPANY_SIGN_IN_MINUTES = 15;
/** A browser stays "known" (no new-device email) this long after its last sign-in. */
export const KNOWN_DEVICE_DAYS = 180;
/** A shared family computer signs in to a few accounts; more than this is not "their usual browser". */
export const KNOWN_ACCOUNTS_PER_BROWSER = 5;
/**
 * A secret drawn for authenticator enrolment and never confirmed is forgotten after this
 * long: whoever saw the setup page once must not know the secret the owner enrols weeks later.
 */
export const PENDING_TOTP_SECRET_MINUTES = 30;

// Emailed links and codes, and what an admin issues (PRODUCT.md section 6)

export const RESET_LINK_MINUTES = 60;
/** The code beside a reset link is typed, so shorter-lived than the link. */
export const RESET_CODE_MINUTES = 15;
export const MAGIC_LINK_MINUTES = 15;
/** A welcome waits for someone who may be on holiday. */
export const ACTIVATION_MINUTES = 7 * 24 * 60;
/** A reset access code handed on by an admin, for someone without email: printed or read out, used the next day at the latest. */
export const ACCESS_CODE_MINUTES = 24 * 60;
/** Wrong tries one emailed or access code takes before it is spent. */
export const MAX_CODE_ATTEMPTS = 5;
/** Wrong security answers one reset link takes before it is spent: an answer is easier to guess than a code. */
export const MAX_ANSWER_ATTEMPTS = 3;
/** At most this many recovery emails per account per hour; past it, the same answer and no email. */
export const RECOVERY_EMAILS_PER_HOUR = 5;
/** A recovery request not handled within this time is dropped: the person has asked again or moved on. */
export const REQUEST_EXPIRY_MINUTES = 60;
/** What the person typed on "forgot password", kept for the "enter the code" page: as long as the longest link. */
export const RECOVERY_IDENTIFIER_MINUTES = 60;
/** A password someone else chose for the person (an admin, the CLI) works this long. */
export const TEMPORARY_PASSWORD_HOURS = 24;
/** A new address's confirmation link; its code is typed, so shorter-lived. */
export const EMAIL_CHANGE_LINK_MINUTES = 60;
export const EMAIL_CHANGE_CODE_MINUTES = 15;
/** The old address's "this wasn't me" link: a week, for someone who reads mail once in a while. */
export const EMAIL_CHANGE_CANCEL_DAYS = 7;

// Secrets on the way to a page that shows them once

/** An admin's access code or access key, and new recovery codes, in a sealed cookie: a few minutes at most; "Done" removes it at once. */
export const SHOWN_SECRET_MINUTES = 10;
/** Long enough to look around a previewed page, short enough that a copied address soon stops showing unpublished words. */
export const TRANSLATION_PREVIEW_MINUTES = 10;
