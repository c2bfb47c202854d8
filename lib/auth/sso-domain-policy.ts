import 'server-only';
import { db, type Executor } from '@/lib/db/client';
import { findConnectionForDomain, findEnforcingConnection } from '@/lib/db/sso';
import type { SsoMode } from '@/lib/db/schema';
import { normaliseEmail } from '@/lib/validation/email';

export interface CompanySignIn {
  connectionId: string;
  name: string;
  mode: SsoMode;
  /** Where the person is sent, as they will see it in the address bar. */
  host: string;
}

/** The domain of an address, as domains are stored; null for what is not an address. */
export function domainOf(text: string): string | null {
  const email = normaliseEmail(text);
  return email ? email.slice(email.lastIndexOf('@') + 1) : null;
}

/** The company sign-in that addresses of this domain use, if any. */
export async function companySignInFor(emailOrIdentifier: string, executor: Executor = db()): Promise<CompanySignIn | null> {
  const domain = domainOf(emailOrIdentifier);
  const found = domain ? await findConnectionForDomain(domain, executor) : undefined;
  if (!found) return null;
  const { connection } = found;
  return { connectionId: connection.id, name: connection.name, mode: connection.mode, host: new URL(connection.issuer).host };
}

/**
 * Whether an account's own address keeps it off passwords and emailed links: its company
 * enforces its sign-in.
 */
export async function companySignInEnforced(email: string, executor: Executor = db()): Promise<CompanySignIn | null> {
  const company = await companySignInFor(email, executor);
  return company?.mode === 'enforce' ? company : null;
}

/**
 * The company sign-in an account must use, if any. Enforcement follows the account, not only
 * its address: an account whose address is at an enforcing domain, or that is linked to an
 * identity of an enforcing connection, stays on its company's sign-in even after its address
 * moves elsewhere. Only an admin ends it (by unlinking the identity, audited).
 */
export async function accountCompanySignIn(user: { id: string; email: string }, executor: Executor = db()): Promise<(CompanySignIn & { domains: string[] }) | null> {
  const found = await findEnforcingConnection(user.id, domainOf(user.email), executor);
  if (!found) return null;
  return { connectionId: found.id, name: found.name, mode: 'enforce', host: new URL(found.issuer).host, domains: found.domains };
}
