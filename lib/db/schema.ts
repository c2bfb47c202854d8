import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const roles = ['user', 'manager', 'admin', 'editor'] as const;
export const accountStates = ['pending', 'active', 'deactivated'] as const;
export const locales = ['en', 'fr'] as const;

export const roleEnum = pgEnum('role', roles);
// "Locked" is not a stored state: it is a pause in `sign_in_throttle` that lifts by itself.
export const accountStateEnum = pgEnum('account_state', accountStates);
export const localeEnum = pgEnum('locale', locales);

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  ...timestamps,
}, (t) => [uniqueIndex('teams_name_key').on(sql`lower(${t.name})`)]);

/** "Never" sorts after every date, and an index on this expression serves the "last sign-in" order. */
export function lastSignInOrNever(column: AnyPgColumn) {
  return sql`coalesce(${column}, '-infinity'::timestamptz)`;
}

/**
 * An address's local part, lower-cased and reversed: an index on it finds, as a range, the
 * addresses whose local part ends in a given text (the users list's address search).
 */
export function reversedLocalPart(column: AnyPgColumn) {
  return sql`reverse(lower(split_part(${column}, '@', 1)))`;
}

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored normalised (NFKC, trimmed, lower-cased) so that lookups and uniqueness agree.
    email: text('email').notNull(),
    username: text('username'),
    phone: text('phone'),
    name: text('name').notNull().default(''),
    locale: localeEnum('locale').notNull().default('en'),
    role: roleEnum('role').notNull().default('user'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    state: accountStateEnum('state').notNull().default('pending'),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** A temporary password (set by an admin) stops working at this time. */
    passwordExpiresAt: timestamp('password_expires_at', { withTimezone: true }),
    securityQuestion: text('security_question'),
    securityAnswerHash: text('security_answer_hash'),
    // Encrypted with TOTP_ENCRYPTION_KEY (lib/auth/totp.ts); the pending one waits for its first code.
    totpSecretEncrypted: text('totp_secret_encrypted'),
    totpPendingSecretEncrypted: text('totp_pending_secret_encrypted'),
    totpPendingSince: timestamp('totp_pending_since', { withTimezone: true }),
    /**
     * The account's sign-in pause (`sign_in_throttle`, scope "account"), copied here by the
     * database itself (drizzle/0018): the Locked filter then reads its pages off small indexes in
     * the list's orders instead of looking up every paused account. Past values linger until the
     * hourly pruning clears them; "locked" is a time still to come.
     */
    signInPausedUntil: timestamp('sign_in_paused_until', { withTimezone: true }),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: integer('totp_last_step'),
    emailOtpEnabled: boolean('email_otp_enabled').notNull().default(false),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_username_key').on(t.username),
    uniqueIndex('users_phone_key').on(t.phone),
    // The users list's three orders, alone and under its two narrowing filters (state, team):
    // each page is then read off an index in order, whatever the table's size. A filter whose
    // accounts cluster at one end of an order (pending ones never signed in) would otherwise
    // make the list walk the whole table to fill a page. The name order ends on the unique email.
    index('users_name_order_idx').on(sql`lower(${t.name})`, t.email),
    index('users_created_order_idx').on(t.createdAt, t.id),
    index('users_last_sign_in_order_idx').on(lastSignInOrNever(t.lastSignInAt), t.id),
    index('users_state_name_order_idx').on(t.state, sql`lower(${t.name})`, t.email),
    index('users_state_created_order_idx').on(t.state, t.createdAt, t.id),
    index('users_state_last_sign_in_order_idx').on(t.state, lastSignInOrNever(t.lastSignInAt), t.id),
    index('users_team_name_order_idx').on(t.teamId, sql`lower(${t.name})`, t.email),
    index('users_team_created_order_idx').on(t.teamId, t.createdAt, t.id),
    index('users_team_last_sign_in_order_idx').on(t.teamId, lastSignInOrNever(t.lastSignInAt), t.id),
    // A manager's reach (their team's plain users) as a set of ids, read off the index alone: the
    // audit log filters events by it, and fetching 5,000 rows of a large team from the table
    // took 8.5 of the 22 ms of a manager's audit page at a million accounts.
    index('users_team_role_idx').on(t.teamId, t.role, t.id),
    // The Locked filter in each order: only accounts with a pause, live or not yet cleared.
    index('users_paused_name_order_idx').on(sql`lower(${t.name})`, t.email).where(sql`${t.signInPausedUntil} is not null`),
    index('users_paused_created_order_idx').on(t.createdAt, t.id).where(sql`${t.signInPausedUntil} is not null`),
    index('users_paused_last_sign_in_order_idx').on(lastSignInOrNever(t.lastSignInAt), t.id).where(sql`${t.signInPausedUntil} is not null`),
    // text_pattern_ops: a LIKE prefix is a range of it whatever the database's collation.
    index('users_email_local_reversed_idx').on(sql`${reversedLocalPart(t.email)} text_pattern_ops`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // SHA-256 of the random session id carried in the cookie: a database leak yields no session.
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Last time the person proved who they are (sign-in or password confirmation).
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const throttleScopes = ['account', 'device', 'identifier', 'address', 'recovery_address', 'session', 'second_factor', 'second_factor_email', 'api_key', 'api_address'] as const;
export const throttleScopeEnum = pgEnum('throttle_scope', throttleScopes);

/**
 * Consecutive sign-in failures, counted per account (from browsers it does not know), per
 * browser that signed in to the account before (its own budget, so strangers cannot lock the
 * owner out of it), per identifier that matches no account (so a pause reveals nothing), and
 * per network address against password spraying, and recovery requests per network address
 * against floods of "email me a link". The key is an HMAC of what is counted: no
 * typed identifier or address is stored; `user_id` ties an account's or a browser's pause to
 * the account, so "locked" can be queried and lifted.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    scope: throttleScopeEnum('scope').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    failures: smallint('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_throttle_user_idx').on(t.userId, t.scope),
    // The live pauses of accounts: the users list's Locked filter and its "locked" column.
    index('sign_in_throttle_account_pause_idx').on(t.lockedUntil).where(sql`${t.scope} = 'account'`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    targetUserId: uuid('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    ip: text('ip'),
    // Never a secret: callers pass reasons and identifiers of rows, not values people typed.
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_target_idx').on(t.targetUserId, t.occurredAt),
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_events_event_idx').on(t.event, t.occurredAt),
  ],
);

export const challengeKinds = ['second_factor', 'password_change'] as const;
export const challengeKindEnum = pgEnum('challenge_kind', challengeKinds);
export const signInMethods = ['password', 'magic_link', 'passkey', 'sso'] as const;
export const signInMethodEnum = pgEnum('sign_in_method', signInMethods);

/**
 * A sign-in between its stages: the first factor is proven, the session not yet started. The
 * browser holds the random token in a short-lived cookie; the row holds its hash, the attempts
 * made (counted before each comparison) and, when asked for, an emailed code's keyed hash.
 * Finishing deletes the row, so it is spent once.
 */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: challengeKindEnum('kind').notNull(),
    method: signInMethodEnum('method').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    emailCodeHash: text('email_code_hash'),
    emailCodeExpiresAt: timestamp('email_code_expires_at', { withTimezone: true }),
    emailCodesSent: smallint('email_codes_sent').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sign_in_challenges_token_hash_key').on(t.tokenHash), index('sign_in_challenges_user_idx').on(t.userId)],
);

/** 2-step recovery codes: keyed hashes only, each spent by one conditional UPDATE. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_key').on(t.userId, t.codeHash)],
);

// `access_code`: the printable reset code an admin or manager hands to someone without email.
export const tokenPurposes = ['password_reset', 'magic_link', 'activation', 'email_change', 'email_change_cancel', 'access_code'] as const;
export const tokenPurposeEnum = pgEnum('token_purpose', tokenPurposes);
// Why a token stopped working before it was used or expired, so its page can say so.
export const tokenRevocations = ['superseded', 'security_answers', 'password_changed', 'email_change_cancelled'] as const;
export const tokenRevocationEnum = pgEnum('token_revocation', tokenRevocations);

/**
 * Emailed credentials: a 256-bit link token and, for recovery and sign-in, a 6-digit code.
 * Only their hashes are stored. A row is bound to one account and one purpose, spent by one
 * conditional UPDATE, and carries the language the person asked in for the whole journey.
 * Spent and superseded rows stay a while: they count towards the hourly email limit.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: tokenPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    // HMAC of the code keyed by the server secret: six digits alone would fall to brute force.
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: smallint('code_attempts').notNull().default(0),
    // Wrong answers to the security question during this reset.
    answerAttempts: smallint('answer_attempts').notNull().default(0),
    questionPassedAt: timestamp('question_passed_at', { withTimezone: true }),
    locale: localeEnum('locale').notNull(),
    // The new address, for an email change; the old one, for its "this wasn't me" link.
    newEmail: text('new_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBecause: tokenRevocationEnum('revoked_because'),
  },
  (t) => [
    uniqueIndex('account_tokens_token_hash_key').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.userId, t.purpose, t.createdAt),
  ],
);

export const emailStatuses = ['pending', 'sent', 'failed'] as const;
export const emailStatusEnum = pgEnum('email_status', emailStatuses);

/**
 * Transactional outbox: a row is written in the same transaction as whatever caused the
 * email, so a rollback never sends and a commit never loses one. It is the email's record
 * (what admins see, what limits count, what retention scrubs); a job queued with it in the
 * `jobs` table delivers it, and says when the next try comes.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    recipient: text('recipient').notNull(),
    locale: localeEnum('locale').notNull(),
    template: text('template').notNull(),
    props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
    // Links and codes for the person, sealed with AES-256-GCM and erased once the email is done.
    sealedSecrets: text('sealed_secrets'),
    status: emailStatusEnum('status').notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_status_idx').on(t.status, t.createdAt),
    // Sent emails whose recipient and words are still kept: the retention's next ones to scrub.
    index('email_outbox_unscrubbed_idx').on(t.sentAt).where(sql`${t.status} = 'sent' and ${t.recipient} <> ''`),
  ],
);

/**
 * API access keys: `ssm_` and 256 random bits, shown once. The table keeps the SHA-256 of the
 * whole key and its first characters, so a list can tell keys apart without holding one.
 */
export const accessKeys = pgTable(
  'access_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    displayPrefix: text('display_prefix').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('access_keys_secret_hash_key').on(t.secretHash), index('access_keys_user_idx').on(t.userId, t.createdAt)],
);

/**
 * A passkey: the public half of a key pair that the person's device or password manager keeps.
 * `counter` is the authenticator's signature counter, which only grows: a signature with a
 * counter not above it comes from a copy of the key (authenticators that keep no counter send 0).
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_id_key').on(t.credentialId), index('passkeys_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Passkey challenges already answered, until they expire: a challenge is signed by the site and
 * carries its own expiry (nothing is stored to issue one, so showing the sign-in page writes
 * nothing), and the first answer to name it stores its MAC here, so no answer works twice.
 */
export const spentPasskeyChallenges = pgTable(
  'spent_passkey_challenges',
  {
    mac: text('mac').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spent_passkey_challenges_expires_idx').on(t.expiresAt)],
);

export const ssoModes = ['allow', 'enforce'] as const;
export const ssoModeEnum = pgEnum('sso_mode', ssoModes);

/**
 * A company's OpenID Connect provider. `enforce` keeps the accounts of its domains off
 * passwords and emailed links; `allow` offers it beside them. Accounts it creates on first
 * sign-in (when `create_accounts`) get the team and role chosen here, never ones claimed by the
 * provider. The client secret is sealed with AUTH_SECRET (lib/sso/client-secret.ts).
 */
export const ssoConnections = pgTable('sso_connections', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  scopes: text('scopes').notNull().default('openid email profile'),
  mode: ssoModeEnum('mode').notNull().default('allow'),
  createAccounts: boolean('create_accounts').notNull().default(false),
  defaultTeamId: uuid('default_team_id').references(() => teams.id, { onDelete: 'set null' }),
  defaultRole: roleEnum('default_role').notNull().default('user'),
  ...timestamps,
});

/** The email domains a connection signs in; a domain belongs to one connection at most. */
export const ssoDomains = pgTable(
  'sso_domains',
  {
    domain: text('domain').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sso_domains_connection_idx').on(t.connectionId)],
);

/** An account's identity at a company provider: its `sub` there, stable where the email is not. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sso_identities_subject_key').on(t.connectionId, t.subject), index('sso_identities_user_idx').on(t.userId)],
);

/**
 * A trip to a provider and back: `state` (its hash is the key) names the row, which holds the
 * PKCE verifier and the nonce the answer must carry. The callback deletes it, so an answer is
 * taken once; the browser that left carries a cookie that must match, so nobody can finish
 * another person's trip.
 */
export const ssoSignInFlows = pgTable(
  'sso_sign_in_flows',
  {
    stateHash: text('state_hash').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    bindingHash: text('binding_hash').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    locale: localeEnum('locale').notNull(),
    callbackPath: text('callback_path').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sso_sign_in_flows_expires_idx').on(t.expiresAt)],
);

/**
 * Editors' words on top of the shipped catalogue, one row per language and key: the published
 * text every page and email uses, and a draft that only previews see. `source_hash` is the
 * SHA-256 of the English text the value was written against, so a French override whose
 * English has since changed can be called stale.
 */
export const translationOverrides = pgTable(
  'translation_overrides',
  {
    locale: localeEnum('locale').notNull(),
    key: text('key').notNull(),
    published: text('published'),
    draft: text('draft'),
    sourceHash: text('source_hash'),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.locale, t.key] })],
);

export const translationChangeKinds = ['draft', 'publish', 'revert', 'rollback', 'import', 'discard'] as const;
export const translationChangeKindEnum = pgEnum('translation_change_kind', translationChangeKinds);

/** Every change an editor makes, with the value before and after, for history and rollback. */
export const translationChanges = pgTable(
  'translation_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    locale: localeEnum('locale').notNull(),
    key: text('key').notNull(),
    kind: translationChangeKindEnum('kind').notNull(),
    // The published text before and after (null: the shipped text); for a draft, the drafts.
    oldValue: text('old_value'),
    newValue: text('new_value'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    // A sensitive text's publish: its actor approved a draft that others wrote.
    approved: boolean('approved').notNull().default(false),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('translation_changes_key_idx').on(t.locale, t.key, t.id)],
);

/**
 * One row: bumped by every publish. Instances compare it with the version of their cache (on a
 * NOTIFY at once, and on a timer in case a notification was missed).
 */
export const translationState = pgTable('translation_state', {
  id: smallint('id').primaryKey().default(1),
  version: integer('version').notNull().default(0),
});

/**
 * When each periodic task last finished: instances that share the database run it once an hour
 * between them (the one holding its advisory lock checks here first), not once each.
 */
export const maintenanceRuns = pgTable('maintenance_runs', {
  task: text('task').primaryKey(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
});

/** The development mailbox: what would have been delivered, in embedded mode only. */
export const devMailbox = pgTable('dev_mailbox', {
  id: uuid('id').primaryKey(),
  recipient: text('recipient').notNull(),
  locale: localeEnum('locale').notNull(),
  template: text('template').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Role = (typeof roles)[number];
export type AccountState = (typeof accountStates)[number];
export type Locale = (typeof locales)[number];
export type SsoMode = (typeof ssoModes)[number];
export type TokenPurpose = (typeof tokenPurposes)[number];
export type TokenRevocation = (typeof tokenRevocations)[number];
export type ChallengeKind = (typeof challengeKinds)[number];
export type SignInMethod = (typeof signInMethods)[number];
export type ThrottleScope = (typeof throttleScopes)[number];
export type EmailStatus = (typeof emailStatuses)[number];
export type TranslationChangeKind = (typeof translationChangeKinds)[number];

export const jobStatuses = ['queued', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobStatusEnum = pgEnum('job_status', jobStatuses);

/**
 * Background work (lib/jobs): one row per job, whatever its kind. A runner claims a due row by
 * taking a lease (`lease_until`, renewed while it works, under its own `locked_by` name); a
 * lease that runs out puts the job back in line for any instance. A job that fails waits
 * longer after each try and, after `max_attempts`, stays `dead` for people to see. Long jobs
 * keep a `checkpoint` and their counts, written in the same transaction as each chunk's effects.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    /** One job per key, ever: a repeated enqueue (a retried request, a schedule's slot) is ignored. */
    idempotencyKey: text('idempotency_key'),
    lastError: text('last_error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
    total: integer('total'),
    processed: integer('processed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_key').on(t.idempotencyKey),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.status} in ('queued', 'running')`),
    index('jobs_queue_created_idx').on(t.queue, t.createdAt),
  ],
);

/**
 * The rows of a job that works through a list (an import's lines): their input until done,
 * erased once the row is handled (it may hold a password), and the problems of those that failed.
 */
export const jobItems = pgTable(
  'job_items',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>(),
    problems: jsonb('problems').$type<Array<{ field: string; code: string }>>(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.line] })],
);
