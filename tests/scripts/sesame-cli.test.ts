import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/scripts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-cli-'));

function sesame(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return runScript('sesame', args, env);
}

describe('npm run sesame', () => {
  it('creates a user and prints its id', () => {
    const result = sesame('create-user', '--email', 'ops@example.com', '--password', 'purple elephants dance quietly', '--role', 'admin', '--locale', 'fr', '--team', 'Ops');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a duplicate with a clear message and exit code 1', () => {
    const result = sesame('create-user', '--email', 'OPS@example.com', '--password', 'another fine passphrase');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('create-user: --email is already used by another account');
  });

  it('explains bad input, one line per problem', () => {
    const result = sesame('create-user', '--email', 'new@example.com', '--password', 'short', '--role', 'root');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'create-user: --role is not valid',
      'create-user: --password is too short (at least 12 characters)',
      'create-user: --password is too common',
    ]);
    const unknown = sesame('create-user', '--email', 'new@example.com', '--shoe-size', '44');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--shoe-size'/);
  });

  it('refuses names and addresses that would display as something else', () => {
    const result = sesame('create-user', '--email', 'ok@example.com', '--password', 'purple elephants dance quietly', '--name', 'Ada \u202Enimda', '--team', '\u001b[31mOps');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'create-user: --name must not contain control characters or text-direction overrides',
      'create-user: --team must not contain control characters or text-direction overrides',
    ]);
    for (const email of ['<script>alert(1)</script>@example.com', 'tab\there@example.com', 'ops@exa\u202Emple.com']) {
      const refused = sesame('create-user', '--email', email, '--password', 'purple elephants dance quietly');
      expect(refused, email).toMatchObject({ code: 1, stderr: 'create-user: --email is not valid' });
    }
  });

  it('imports a file of accounts, creating the good ones and naming the problems of the others', () => {
    const file = path.join(dataDir, 'accounts.json');
    const good = { email: 'import.one@example.com', password: 'purple elephants dance quietly', locale: 'fr', temporaryPassword: true };
    writeFileSync(file, JSON.stringify([good, { email: 'not an address', password: 'short' }]));
    const result = sesame('import-users', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36} import\.one@example\.com$/);
    expect(result.stderr.split('\n')).toEqual([
      'import-users: account 2 (not an address): email is not valid',
      'import-users: account 2 (not an address): password is too short (at least 12 characters)',
      'import-users: account 2 (not an address): password is too common',
    ]);
    writeFileSync(file, '{ not json');
    expect(sesame('import-users', file)).toMatchObject({ code: 1 });
  });

  it('prints help, and refuses unknown commands', () => {
    expect(sesame('help')).toMatchObject({ code: 0 });
    expect(sesame('help').stdout).toMatch(/create-user/);
    expect(sesame('drop-everything')).toMatchObject({ code: 1 });
  });

  it('does not open an embedded database that the running site holds', () => {
    // The lock names a live process: this test runner itself.
    writeFileSync(path.join(dataDir, 'db.lock'), String(process.pid));
    const result = sesame('create-user', '--email', 'later@example.com', '--password', 'purple elephants dance quietly');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use by process \d+/);
  });
});
