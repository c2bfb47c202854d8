import 'server-only';
import { z } from 'zod';
import { normalisePhone, normaliseUsername } from '@/lib/auth/identifiers';
import { checkPassword, temporaryPasswordExpiry, type PasswordProblem } from '@/lib/passwords/password-policy';
import { hashPassword } from '@/lib/passwords/passwords';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import { accountStates, locales, roles } from '@/lib/db/schema';
import { findOrCreateTeam } from '@/lib/db/teams';
import { insertUser, takenIdentifiers } from '@/lib/db/users';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import { toPhoneRegion } from '@/lib/phone/regions';
import { issueActivation } from '@/lib/recovery/issue-activation';
import { checkDisplayName, type DisplayNameProblem } from '@/lib/validation/display-name';
import { normaliseEmail } from '@/lib/validation/email';

export const createUserInput = z.object({
  email: z.string(),
  username: z.string().optional(),
  phone: z.string().optional(),
  /** The country a national phone number is read in; the site's default otherwise. */
  phoneRegion: z.string().optional(),
  name: z.string().optional(),
  password: z.string().optional(),
  role: z.enum(roles).default('user'),
  team: z.string().optional(),
  locale: z.enum(locales).default('en'),
  state: z.enum(accountStates).default('active'),
  /** The password works for a limited time, and only to choose a new one at the first sign-in. */
  temporaryPassword: z.boolean().default(false),
  /** Active with no password: the account signs in through its company's provider. */
  companySignIn: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export type CreateUserProblem =
  | { field: 'email' | 'username' | 'phone'; code: 'invalid' | 'taken' }
  | { field: 'password'; code: PasswordProblem | 'required' }
  | { field: 'name' | 'team'; code: DisplayNameProblem }
  | { field: 'role' | 'locale' | 'state' | 'name' | 'team'; code: 'invalid' };

export type CreateUserResult = { ok: true; id: string } | { ok: false; problems: CreateUserProblem[] };

/**
 * The one way a user is written, for the CLI, the demo seed and the admin area alike.
 * An active account needs a password; a pending one gets it at activation.
 */
export async function createUser(
  raw: CreateUserInput,
  // An import passes its chunk's transaction: the account is then written in a savepoint, and
  // commits with the import's checkpoint or not at all.
  context: { actorUserId?: string | null; ip?: string | null; executor?: Executor } = {},
): Promise<CreateUserResult> {
  const parsed = createUserInput.safeParse(raw);
  // Report every problem at once: a malformed choice does not hide a weak password.
  const problems: CreateUserProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: String(issue.path[0]) as 'role', code: 'invalid' as const }));
  const input = parsed.success
    ? parsed.data
    : createUserInput.parse({
        ...Object.fromEntries(
          Object.entries(raw).filter(([key, value]) => typeof value === 'string' && !problems.some((p) => p.field === key)),
        ),
        email: typeof raw.email === 'string' ? raw.email : '',
      });
  const email = normaliseEmail(input.email);
  if (!email) problems.push({ field: 'email', code: 'invalid' });
  const username = input.username ? normaliseUsername(input.username) : null;
  if (input.username && !username) problems.push({ field: 'username', code: 'invalid' });
  const phone = input.phone ? normalisePhone(input.phone, toPhoneRegion(input.phoneRegion ?? '') ?? siteDefaultRegion()) : null;
  if (input.phone && !phone) problems.push({ field: 'phone', code: 'invalid' });
  const name = displayName('name', input.name ?? '', problems);
  const team = displayName('team', input.team ?? '', problems);

  if (input.password !== undefined) {
    for (const code of checkPassword(input.password, { email, username, phone, name })) {
      problems.push({ field: 'password', code });
    }
  } else if (input.state === 'active' && !input.companySignIn) {
    problems.push({ field: 'password', code: 'required' });
  }
  if (problems.length > 0 || !email) return { ok: false, problems };

  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  try {
    const id = await (context.executor ?? db()).transaction(async (tx) => {
      const taken = await takenIdentifiers({ email, username, phone }, tx);
      if (taken.length > 0) throw new IdentifiersTaken(taken);
      const userId = await insertUser(
        {
          email,
          username,
          phone,
          name,
          role: input.role,
          locale: input.locale,
          state: input.state,
          teamId: team ? await findOrCreateTeam(team, tx) : null,
          passwordHash,
          passwordChangedAt: passwordHash ? new Date() : null,
          mustChangePassword: !!passwordHash && input.temporaryPassword,
          passwordExpiresAt: passwordHash && input.temporaryPassword ? temporaryPasswordExpiry() : null,
          activatedAt: input.state === 'active' ? new Date() : null,
          deactivatedAt: input.state === 'deactivated' ? new Date() : null,
        },
        tx,
      );
      await recordAudit({
        event: 'user.created',
        actorUserId: context.actorUserId ?? null,
        targetUserId: userId,
        ip: context.ip ?? null,
        detail: { role: input.role, state: input.state, ...(input.companySignIn ? { via: 'sso' } : {}) },
      }, tx);
      // A pending account is set up by its owner: the welcome email carries the link.
      if (input.state === 'pending') await issueActivation(tx, { id: userId, email, name }, input.locale, { actorUserId: context.actorUserId, ip: context.ip });
      return userId;
    });
    return { ok: true, id };
  } catch (error) {
    if (error instanceof IdentifiersTaken) {
      return { ok: false, problems: error.fields.map((field) => ({ field, code: 'taken' as const })) };
    }
    // Two creations racing past the check: the unique index decides, and names the loser's field.
    const field = uniqueViolationField(error);
    if (field) return { ok: false, problems: [{ field, code: 'taken' }] };
    throw error;
  }
}

export const MAX_LENGTH = { name: 200, team: 100 } as const;

/** A name as it will be shown, or '' with the problem recorded. */
function displayName(field: 'name' | 'team', raw: string, problems: CreateUserProblem[]): string {
  const checked = checkDisplayName(raw, MAX_LENGTH[field]);
  if (checked.ok) return checked.name;
  problems.push({ field, code: checked.problem });
  return '';
}

class IdentifiersTaken extends Error {
  constructor(readonly fields: Array<'email' | 'username' | 'phone'>) {
    super('identifiers taken');
  }
}

function uniqueViolationField(error: unknown): 'email' | 'username' | 'phone' | null {
  const cause = (error as { cause?: { code?: string; constraint_name?: string; constraint?: string } }).cause;
  if (cause?.code !== '23505') return null;
  const constraint = cause.constraint_name ?? cause.constraint ?? '';
  if (constraint.includes('username')) return 'username';
  if (constraint.includes('phone')) return 'phone';
  return 'email';
}
