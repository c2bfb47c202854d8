import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestIdOf, serializeError } from '@/lib/observability/logger';

/** A logger whose lines are collected, parsed, as the production output writes them. */
function collectingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(destination), lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the logger', () => {
  it('writes one JSON object a line, with its level, time and message', () => {
    const { logger, parsed } = collectingLogger();
    logger.child({ reqId: 'req-12345678' }).info({ route: '/[locale]/login', status: 200, durationMs: 12 }, 'request');
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'info', msg: 'request', reqId: 'req-12345678', route: '/[locale]/login', status: 200, durationMs: 12 });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it('never writes what people type, what proves who they are, or what an email says', () => {
    const { logger, lines } = collectingLogger();
    const canary = 'canary-Lilac-4f1e';
    logger.info(
      {
        password: canary,
        identifier: `${canary}@example.com`,
        code: canary,
        form: { newPassword: canary, answer: canary, emailCode: canary, recoveryCode: canary },
        request: { headers: { cookie: `session=${canary}`, authorization: `Bearer ${canary}` } },
        email: { to: `${canary}@example.com`, html: `<p>${canary}</p>`, text: canary, secrets: { token: canary } },
        token: canary,
      },
      'everything at once',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(canary);
    expect(JSON.parse(lines[0]!)).toMatchObject({ password: '[redacted]', form: { newPassword: '[redacted]' }, request: { headers: { cookie: '[redacted]' } } });
  });

  it('logs an error with its class, code and stack, and not the values of a failed query', () => {
    const { logger, parsed } = collectingLogger();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_idx"'), { code: '23505' });
    class DrizzleQueryError extends Error {}
    const error = new DrizzleQueryError('Failed query: insert into "users" ("email") values ($1)\nparams: robin@example.com', { cause });
    logger.error({ err: error }, 'request failed');
    const [line] = parsed();
    const err = line!.err as Record<string, unknown>;
    expect(err).toMatchObject({ class: 'DrizzleQueryError', message: 'Failed query: insert into "users" ("email") values ($1)', cause: { class: 'Error', code: '23505' } });
    expect(err.stack).toMatch(/^\w*Error: Failed query.*\n\s+at /);
    expect(JSON.stringify(line)).not.toContain('robin@example.com');
    expect(serializeError('a string')).toEqual({ class: 'string', message: 'a string' });
  });
});

describe('request ids', () => {
  it('are read from the header the server sets, when they have the shape of one', () => {
    expect(requestIdOf(new Headers({ 'x-request-id': '0b5e8f2c-6a3d-4c1e-9f7a-2d4b6c8e0a1f' }))).toBe('0b5e8f2c-6a3d-4c1e-9f7a-2d4b6c8e0a1f');
    expect(requestIdOf({ 'x-request-id': 'abc' })).toBeNull();
    expect(requestIdOf({ 'x-request-id': '<script>alert(1)</script>' })).toBeNull();
    expect(requestIdOf(new Headers())).toBeNull();
  });
});
