import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, productionProblems } from '@/lib/env';

const secret = 'x'.repeat(40);
const totpKey = Buffer.alloc(32, 7).toString('base64');

describe('environment', () => {
  it('runs embedded with no configuration at all, with a generated secret kept in DATA_DIR', async () => {
    const dir = mkdtempSync('/tmp/sesame-env-');
    const first = parseEnv({ DATA_DIR: dir });
    expect(first.embedded).toBe(true);
    expect(first.APP_URL).toBe('http://localhost:3000');
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(parseEnv({ DATA_DIR: dir }).AUTH_SECRET).toBe(first.AUTH_SECRET);
  });

  it('refuses to start on PostgreSQL without AUTH_SECRET, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://localhost/sesame' })).toThrow(/AUTH_SECRET/);
  });

  it('lists every invalid variable in one readable message', () => {
    let message = '';
    try {
      parseEnv({ DATABASE_URL: 'mysql://x', AUTH_SECRET: secret, PORT: 'eighty', APP_URL: 'ftp://x' });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/APP_URL/);
  });

  it('honours PORT in the default APP_URL and strips a trailing slash from APP_URL', () => {
    expect(parseEnv({ DATA_DIR: '/tmp/sesame-env-port', PORT: '4000' }).APP_URL).toBe('http://localhost:4000');
    expect(
      parseEnv({ DATABASE_URL: 'postgres://h/db', AUTH_SECRET: secret, TOTP_ENCRYPTION_KEY: totpKey, EMAIL_TRANSPORT: 'log', APP_URL: 'https://id.example.com/' })
        .APP_URL,
    ).toBe('https://id.example.com');
  });

  it('believes no forwarded address unless TRUSTED_PROXIES says which, and explains a bad value', () => {
    expect(parseEnv({ DATA_DIR: '/tmp/sesame-env-proxies' }).TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(parseEnv({ DATA_DIR: '/tmp/sesame-env-proxies', TRUSTED_PROXIES: '1' }).TRUSTED_PROXIES).toEqual({ kind: 'hops', count: 1 });
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-proxies', TRUSTED_PROXIES: 'the load balancer' })).toThrow(
      /TRUSTED_PROXIES: "the load balancer" is not an address/,
    );
  });

  it('keeps the authenticator key apart from AUTH_SECRET: required on PostgreSQL, generated once in embedded mode', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://h/db', AUTH_SECRET: secret, EMAIL_TRANSPORT: 'log' })).toThrow(/TOTP_ENCRYPTION_KEY: is required/);
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-totp', TOTP_ENCRYPTION_KEY: 'short' })).toThrow(/TOTP_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-totp', TOTP_PREVIOUS_KEYS: `${totpKey}, nope` })).toThrow(/TOTP_PREVIOUS_KEYS/);
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-env-totp-'));
    const first = parseEnv({ DATA_DIR: dir });
    expect(Buffer.from(first.TOTP_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(first.TOTP_ENCRYPTION_KEY).not.toBe(first.AUTH_SECRET);
    expect(parseEnv({ DATA_DIR: dir }).TOTP_ENCRYPTION_KEY).toBe(first.TOTP_ENCRYPTION_KEY);
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-tz', TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
  });
});

describe('email configuration', () => {
  const production = { DATABASE_URL: 'postgres://h/db', AUTH_SECRET: secret, TOTP_ENCRYPTION_KEY: totpKey };

  it('uses the development mailbox in embedded mode without a Resend key', () => {
    expect(parseEnv({ DATA_DIR: '/tmp/sesame-env-mail' }).EMAIL_TRANSPORT).toBe('mailbox');
  });

  it('refuses to start on PostgreSQL with no way to deliver email, unless told to only log it', () => {
    expect(() => parseEnv(production)).toThrow(/RESEND_API_KEY/);
    expect(parseEnv({ ...production, EMAIL_TRANSPORT: 'log' }).EMAIL_TRANSPORT).toBe('log');
    expect(() => parseEnv({ ...production, EMAIL_TRANSPORT: 'mailbox' })).toThrow(/embedded mode/);
  });

  it('sends through Resend when a key is set, and then needs a sender address', () => {
    expect(() => parseEnv({ ...production, RESEND_API_KEY: 're_x' })).toThrow(/EMAIL_FROM/);
    expect(
      parseEnv({ ...production, RESEND_API_KEY: 're_x', EMAIL_FROM: 'Sésame <no-reply@example.com>' }).EMAIL_TRANSPORT,
    ).toBe('resend');
  });
});

describe('a production start', () => {
  const production = { DATABASE_URL: 'postgres://h/db' };

  it('needs APP_URL, and says what it is for', () => {
    expect(productionProblems(production)).toEqual([expect.stringMatching(/^APP_URL is required in production .*emailed link/)]);
    expect(productionProblems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^APP_URL is required/)]);
    expect(productionProblems({ ...production, APP_URL: '  ' })).toEqual([expect.stringMatching(/^APP_URL is required/)]);
  });

  it('needs https unless the address is this machine', () => {
    expect(productionProblems({ ...production, APP_URL: 'http://id.example.com' })).toEqual([expect.stringMatching(/must be an https:\/\/ address/)]);
    expect(productionProblems({ ...production, APP_URL: 'http://10.0.0.5:3000' })).toHaveLength(1);
    for (const local of ['http://localhost:8080', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'https://id.example.com']) {
      expect(productionProblems({ ...production, APP_URL: local }), local).toEqual([]);
    }
  });

  it('asks nothing of the embedded demo on a laptop', () => {
    expect(productionProblems({})).toEqual([]);
    expect(productionProblems({ NODE_ENV: 'development', APP_URL: 'http://192.168.1.5:3000' })).toEqual([]);
  });
});

describe('operations settings', () => {
  it('has defaults for the pool, the statement timeout, the grace period and migrations at start', () => {
    const config = parseEnv({ DATA_DIR: '/tmp/sesame-env-ops' });
    expect(config).toMatchObject({ DATABASE_POOL_SIZE: 10, DATABASE_STATEMENT_TIMEOUT_MS: 30_000, SHUTDOWN_GRACE_SECONDS: 25, MIGRATE_ON_START: true });
    expect(config.METRICS_PORT).toBeUndefined();
    expect(parseEnv({ DATA_DIR: '/tmp/sesame-env-ops', MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
  });

  it('refuses a metrics token too short to be a secret, and a pool of none', () => {
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-ops', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => parseEnv({ DATA_DIR: '/tmp/sesame-env-ops', DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
