import { readFileSync } from 'node:fs';
/**
 * Operator command line: `npm run sesame -- <command> [options]`.
 * It writes through the same `lib/` functions as the site, never around them.
 */
import { parseArgs } from 'node:util';
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { env, EnvError } from '@/lib/env';
import { MAX_PASSWORD_LENGTH } from '@/lib/passwords/password-policy';
import { reencryptTotpSecrets } from '@/lib/auth/totp-rotation';
import { importUsersJob, readJsonImport, startImportJob } from '@/lib/admin/import-users';
import { findJob, listJobProblems } from '@/lib/db/jobs';
import { idsByEmail } from '@/lib/db/users';
import { startJobRunner } from '@/lib/jobs/runner';
import { createUser, MAX_LENGTH, type CreateUserProblem } from '@/lib/users/create-user';
import { normaliseEmail } from '@/lib/validation/email';

const HELP = `Sésame command line

Usage: npm run sesame -- <command> [options]

Commands:
  create-user   Create an account and print its id.
      --email E                 required
      --username U              optional, 2-32 of a-z 0-9 . _ -
      --phone P                 optional, international (+33 6 12 34 56 78) or national
      --name N                  display name (at most 200 characters)
      --password P              required for --state active (the default)
      --temporary-password      the password works for 24 hours, and only to choose a new one
      --role R                  user | manager | admin | editor   (default user)
      --team T                  team name, created if new (at most 100 characters)
      --locale L                en | fr                            (default en)
      --state S                 active | pending | deactivated     (default active)
  import-users FILE
                Create every account of a JSON file: an array of objects with the fields
                above (email, username, phone, name, password, role, team, locale, state,
                temporaryPassword: true). Prints each new id; reports each problem.
  rotate-totp-key
                Re-encrypt every authenticator secret with TOTP_ENCRYPTION_KEY; the
                earlier keys must be listed in TOTP_PREVIOUS_KEYS (see the README).
  help          Show this help.

The database is DATABASE_URL when set, otherwise the embedded one in DATA_DIR (.data).
Stop the site first when using the embedded database: it allows one process at a time.`;

const PROBLEM_TEXT: Record<CreateUserProblem['code'], string> = {
  invalid: 'is not valid',
  taken: 'is already used by another account',
  required: 'is required for an active account (or use --state pending)',
  tooShort: `is too short (at least ${process.env.PASSWORD_MIN_LENGTH ?? 12} characters)`,
  tooLong: 'is too long',
  common: 'is too common',
  containsPersonalInfo: 'must not contain the email, username, phone or name',
  containsSiteName: 'must not contain the site name',
  unsafeCharacters: 'must not contain control characters or text-direction overrides',
};

function problemText(problem: CreateUserProblem): string {
  if (problem.code !== 'tooLong') return PROBLEM_TEXT[problem.code];
  const limit = problem.field === 'password' ? MAX_PASSWORD_LENGTH : MAX_LENGTH[problem.field as 'name' | 'team'];
  return `${PROBLEM_TEXT.tooLong} (at most ${limit} characters)`;
}

async function createUserCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      phone: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      locale: { type: 'string' },
      state: { type: 'string' },
      'temporary-password': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.email) {
    console.error('create-user: --email is required. See: npm run sesame -- help');
    return 1;
  }
  await applyMigrations(getDbHandle(), env().DATABASE_URL);
  const { 'temporary-password': temporaryPassword, ...fields } = values;
  const result = await createUser({ ...(fields as Parameters<typeof createUser>[0]), temporaryPassword });
  if (!result.ok) {
    for (const problem of result.problems) console.error(`create-user: --${problem.field} ${problemText(problem)}`);
    return 1;
  }
  console.log(result.id);
  return 0;
}

/** A JSON file of accounts (an array of objects with create-user's fields), created by an import job. */
async function importUsersCommand(args: string[]): Promise<number> {
  const [file] = args;
  if (!file || args.length !== 1) {
    console.error('import-users: give one JSON file. See: npm run sesame -- help');
    return 1;
  }
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`import-users: cannot read ${file} as JSON (${error instanceof Error ? error.message : 'unknown error'})`);
    return 1;
  }
  if (!Array.isArray(entries)) {
    console.error('import-users: the file must hold an array of accounts');
    return 1;
  }
  await applyMigrations(getDbHandle(), env().DATABASE_URL);
  // The same job as the admin area's upload: per-row results, resumable, nothing half-created.
  const jobId = await startImportJob(null, readJsonImport(entries), { ip: null });
  if (!jobId) throw new Error('import not queued');
  const runner = await startJobRunner({ definitions: [importUsersJob], pollSeconds: 1 });
  let job = await findJob(jobId);
  while (job && job.status !== 'done' && job.status !== 'dead') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await findJob(jobId);
  }
  await runner.stop();
  if (job?.status !== 'done') {
    console.error(`import-users: the import stopped: ${job?.lastError ?? 'unknown error'}`);
    return 1;
  }
  const problems = new Map((await listJobProblems(jobId, entries.length)).map((row) => [row.line, row.problems ?? []]));
  const emailOf = (entry: unknown) => (entry !== null && typeof entry === 'object' && typeof (entry as { email?: unknown }).email === 'string' ? (entry as { email: string }).email : undefined);
  const ids = await idsByEmail(entries.flatMap((entry) => normaliseEmail(emailOf(entry) ?? '') ?? []));
  for (const [index, entry] of entries.entries()) {
    const email = emailOf(entry);
    const found = problems.get(index + 1);
    if (!found) {
      console.log(`${ids.get(normaliseEmail(email ?? '') ?? '')} ${email}`);
      continue;
    }
    const label = `account ${index + 1}${email !== undefined ? ` (${email})` : ''}`;
    for (const problem of found) console.error(`import-users: ${label}: ${problem.field} ${problemText(problem as CreateUserProblem)}`);
  }
  return problems.size === 0 ? 0 : 1;
}

async function rotateTotpKeyCommand(): Promise<number> {
  await applyMigrations(getDbHandle(), env().DATABASE_URL);
  const { reencrypted, alreadyCurrent } = await reencryptTotpSecrets();
  console.log(`rotate-totp-key: ${reencrypted} secret(s) re-encrypted, ${alreadyCurrent} already under the current key.`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create-user':
      return createUserCommand(rest);
    case 'import-users':
      return importUsersCommand(rest);
    case 'rotate-totp-key':
      return rotateTotpKeyCommand();
    case 'help':
    case '--help':
    case undefined:
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    const message = error instanceof EnvError || error instanceof TypeError ? error.message : String(error);
    console.error(message);
    return 1;
  })
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  });
