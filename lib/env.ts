import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies, TrustedProxiesError, type TrustedProxies } from '@/lib/trusted-proxies';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const encryptionKey = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]{43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 33)').optional(),
    // Its own key, not derived from AUTH_SECRET: rotating one must not touch the other.
    TOTP_ENCRYPTION_KEY: encryptionKey.optional(),
    // Earlier keys, comma-separated, still read (never written) while `rotate-totp-key` runs.
    TOTP_PREVIOUS_KEYS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const keys = (value ?? '').split(',').map((key) => key.trim()).filter(Boolean);
        for (const key of keys) {
          if (!encryptionKey.safeParse(key).success) ctx.addIssue({ code: 'custom', message: 'each key must be 32 bytes in base64 (openssl rand -base64 32)' });
        }
        return keys;
      }),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Read by scripts/server.ts, which binds it; listed here so that a typo is reported.
    HOST: z.string().min(1).optional(),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx): TrustedProxies => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          if (!(error instanceof TrustedProxiesError)) throw error;
          ctx.addIssue({ code: 'custom', message: `${error.message} (see .env.example)` });
          return z.NEVER;
        }
      }),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    // The logo in the header and the emails: a path on this site or an https:// address.
    LOGO_URL: z
      .string()
      .refine((value) => /^\/[^/]/.test(value) || /^https:\/\/[^/]+/.test(value), 'must be a path such as /logo.png or an https:// address')
      .default('/logo.png'),
    // Audit events older than this many days are deleted (lib/maintenance.ts).
    AUDIT_RETENTION_DAYS: positiveInt(400),
    SESSION_IDLE_MINUTES: positiveInt(60),
    SESSION_ABSOLUTE_HOURS: positiveInt(24),
    // Admins and managers enter the admin area only with 2-step verification on.
    ADMIN_REQUIRE_TWO_STEP: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    LOCKOUT_THRESHOLD: positiveInt(5),
    LOCKOUT_MINUTES: positiveInt(60),
    IP_FAILURE_LIMIT: positiveInt(100),
    IP_WINDOW_MINUTES: positiveInt(15),
    RECOVERY_IP_LIMIT: positiveInt(50),
    API_KEY_RATE_LIMIT: positiveInt(600),
    API_FAILURE_LIMIT: positiveInt(20),
    PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
    // Unset: as many as the machine has cores (lib/passwords/password-hashing.ts).
    HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    // Only ever honoured in embedded mode: a PostgreSQL database never receives demo data.
    SEED_DEMO: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    TIME_ZONE: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as UTC or Europe/Paris')
      .default('UTC'),
    RESEND_API_KEY: z.string().min(1).optional(),
    // The Resend SDK's own variable; tests point it at a fake API on loopback.
    RESEND_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    EMAIL_TRANSPORT: z.enum(['resend', 'mailbox', 'log']).optional(),
    EMAIL_RETRY_BASE_SECONDS: positiveInt(30),
    EMAIL_SEND_TIMEOUT_MS: positiveInt(10_000),
    // Apply the migrations at start (the default). Teams whose application role may not change
    // the schema set false and run them beforehand: the start then checks the schema is current.
    MIGRATE_ON_START: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // Any statement running longer is cancelled by PostgreSQL; 0 lets statements run as long as they like.
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    // On SIGTERM, how long requests in flight may take to finish before the process exits anyway.
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(25),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    // Prometheus metrics are off unless one of these is set: a port of their own (for a network
    // only the scraper reaches), or a token the scraper sends as a bearer on the site's port.
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 24)').optional(),
    // Read by the OpenTelemetry exporter; listed here so that a malformed one is reported.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    // Background jobs (lib/jobs): run them in the web process too (turn off when `npm run
    // worker` processes do it); how long a runner's claim lasts without renewal (a job of an
    // instance that died waits that long for another); how often runners look for due jobs.
    JOB_RUNNER: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    JOB_LEASE_SECONDS: positiveInt(30),
    JOB_POLL_SECONDS: positiveInt(5),
    DEFAULT_PHONE_REGION: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US or FR')
      .default('US'),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'is required when DATABASE_URL is set (openssl rand -base64 33)',
      });
    }
    if (env.DATABASE_URL && !env.TOTP_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOTP_ENCRYPTION_KEY'],
        message: 'is required when DATABASE_URL is set (openssl rand -base64 32)',
      });
    }
    const transport = env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? 'resend' : env.DATABASE_URL ? undefined : 'mailbox');
    if (!transport) {
      ctx.addIssue({
        code: 'custom',
        path: ['RESEND_API_KEY'],
        message: 'is required when DATABASE_URL is set, so that email is delivered (or set EMAIL_TRANSPORT=log to only log it)',
      });
    }
    if (transport === 'resend' && !env.RESEND_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['RESEND_API_KEY'], message: 'is required with EMAIL_TRANSPORT=resend' });
    }
    if (transport === 'resend' && !env.EMAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_FROM'],
        message: 'is required to send with Resend, e.g. "Sésame <no-reply@example.com>"',
      });
    }
    if (transport === 'mailbox' && env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_TRANSPORT'],
        message: 'mailbox exists only in embedded mode; use resend or log with DATABASE_URL',
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  APP_URL: string;
  /** APP_URL is https://: secure cookies with their prefixes, and HSTS. */
  https: boolean;
  AUTH_SECRET: string;
  TOTP_ENCRYPTION_KEY: string;
  EMAIL_TRANSPORT: 'resend' | 'mailbox' | 'log';
  embedded: boolean;
};

export class EnvError extends Error {}

/** Reads and checks the environment; throws one readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const blankToUndefined = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const result = schema.safeParse(blankToUndefined);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Sésame cannot start: invalid environment.\n${lines.join('\n')}\nSee .env.example.`);
  }
  const env = result.data;
  const embedded = !env.DATABASE_URL;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    ...env,
    embedded,
    EMAIL_TRANSPORT: env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? 'resend' : embedded ? 'mailbox' : 'log'),
    APP_URL: appUrl,
    https: appUrl.startsWith('https://'),
    AUTH_SECRET: env.AUTH_SECRET ?? embeddedSecret(env.DATA_DIR, 'auth-secret', 33),
    TOTP_ENCRYPTION_KEY: env.TOTP_ENCRYPTION_KEY ?? embeddedSecret(env.DATA_DIR, 'totp-key', 32),
  };
}

/**
 * The embedded mode must run with zero configuration, yet sessions and enrolled authenticators
 * must survive a restart: each secret is generated once and kept next to the embedded database.
 */
function embeddedSecret(dataDir: string, name: string, bytes: number): string {
  const file = path.join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(bytes).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * What a server or worker needs beyond a valid environment, read from the environment as the
 * operator gave it (before the server sets NODE_ENV for Next.js): in production — NODE_ENV set
 * to production, or PostgreSQL — every emailed link and the passkeys' relying party come from
 * APP_URL, so it must be given, and be https unless it is this machine.
 */
export function productionProblems(source: Record<string, string | undefined>): string[] {
  const production = source.NODE_ENV === 'production' || !!source.DATABASE_URL;
  if (!production) return [];
  const appUrl = source.APP_URL?.trim();
  if (!appUrl) {
    return [
      'APP_URL is required in production (NODE_ENV=production or DATABASE_URL set): the public address people reach the site at, ' +
        'such as https://id.example.com. Every emailed link and the passkeys are made for it.',
    ];
  }
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    return [`APP_URL must be an address such as https://id.example.com (it is "${appUrl}").`];
  }
  if (url.protocol !== 'https:' && !LOOPBACK_HOST.test(url.hostname)) {
    return [`APP_URL must be an https:// address in production, unless it is this machine (localhost, 127.0.0.1 or [::1]); it is ${url.origin}.`];
  }
  return [];
}

let cached: Env | undefined;

/** Validated once, on first use, so that `next build` never needs a runtime environment. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
