// Test defaults: a fixed secret, no demo data. Each test file runs in its own module graph,
// so `env()` is read afresh per file.
process.env.AUTH_SECRET = 'test-secret-test-secret-test-secret-0123';
process.env.TOTP_ENCRYPTION_KEY = 'dG90cC10ZXN0LWtleS10b3RwLXRlc3Qta2V5LTAxMjM=';
process.env.SEED_DEMO = 'false';
Object.assign(process.env, { NODE_ENV: 'test' });
// Tests deliver through transports they build themselves (a fake Resend API, the mailbox).
process.env.EMAIL_TRANSPORT = 'log';
// What a worker started by a test needs on PostgreSQL (lib/env.ts productionProblems).
process.env.APP_URL ??= 'http://localhost:3000';
