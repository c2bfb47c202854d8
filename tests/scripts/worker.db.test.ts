import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend } from '../helpers/fake-resend';
import { runScript, startScript } from '../helpers/scripts';

// The database this file's tests were given: a throwaway PostgreSQL database, or else an
// embedded one in a directory of its own (processes take turns with it, never at once).
function databaseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (process.env.DATABASE_URL) return env;
  delete env.DATABASE_URL;
  env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'sesame-worker-'));
  return env;
}

describe('npm run worker', () => {
  const stops: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it('delivers what the site queued, through Resend, in a process of its own', async () => {
    const resend = await startFakeResend();
    stops.push(() => resend.close());
    const env = {
      ...databaseEnv(),
      EMAIL_TRANSPORT: 'resend',
      RESEND_API_KEY: 're_worker_test',
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: 'Sésame <no-reply@example.com>',
      JOB_POLL_SECONDS: '1',
    };
    // The welcome email of a new account, queued by the CLI (which never sends anything itself).
    const created = runScript('sesame', ['create-user', '--email', 'worker.test@example.com', '--state', 'pending', '--locale', 'fr'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(resend.deliveries).toHaveLength(0);

    const worker = startScript('worker', env);
    const exited = new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    stops.push(() => {
      worker.child.kill();
    });
    await expect
      .poll(() => resend.deliveries.length, { timeout: 30_000, interval: 200 })
      .toBe(1);
    const [delivery] = resend.deliveries;
    expect(delivery?.to).toBe('worker.test@example.com');
    expect(delivery?.subject).toBe('Bienvenue sur Sésame\u00A0: activez votre compte');
    expect(delivery?.text).toMatch(/\/fr\/activate\?token=[A-Za-z0-9_-]{43}/);
    expect(worker.output()).not.toMatch(/react-dom\/server|could not render/);

    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
