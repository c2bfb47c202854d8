import { z } from 'zod';
import { ssoModes, type Role, type SsoMode } from '@/lib/db/schema';
import { checkDisplayName, type DisplayNameProblem } from '@/lib/validation/display-name';
import { normaliseEmail } from '@/lib/validation/email';
import { hasUnsafeCharacters, normaliseText } from '@/lib/validation/text';

/** Roles a connection may give the accounts it creates: never admin, which is given by hand. */
export const companyRoles = ['user', 'manager', 'editor'] as const satisfies readonly Role[];
export const MAX_DOMAINS = 20;
/** What a connection asks for when the admin names no scopes: the ID token, the address and the name. */
export const DEFAULT_SCOPES = 'openid email profile';
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// The limits only stop oversized posts; `checkConnectionForm` words every real problem. Their
// messages are keys of the form's error words.
const text = (max: number) => z.string().max(max, 'tooLong');

export const connectionForm = z.object({
  name: text(1000),
  issuer: text(1000),
  clientId: text(1000),
  clientSecret: text(2000),
  scopes: text(1000),
  domains: text(5000),
  mode: text(20),
  createAccounts: text(10).optional(),
  defaultTeamId: text(64),
  defaultRole: text(20),
});
export type ConnectionForm = z.infer<typeof connectionForm>;

export type ConnectionField = 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'scopes' | 'domains' | 'mode' | 'defaultTeamId' | 'defaultRole';
export type ConnectionProblem =
  | { field: 'name'; code: DisplayNameProblem | 'required' }
  | { field: 'issuer'; code: 'invalid' | 'notHttps' }
  | { field: 'clientId' | 'clientSecret'; code: 'required' | 'invalid' }
  | { field: 'scopes'; code: 'invalid' | 'openidMissing' }
  | { field: 'domains'; code: 'required' | 'invalid' | 'tooMany' | 'taken'; domains?: string[] }
  | { field: 'mode' | 'defaultTeamId' | 'defaultRole'; code: 'invalid' };

export interface CheckedConnection {
  name: string;
  issuer: string;
  clientId: string;
  /** Null on an edit that keeps the stored secret. */
  clientSecret: string | null;
  scopes: string;
  domains: string[];
  mode: SsoMode;
  createAccounts: boolean;
  defaultTeamId: string | null;
  defaultRole: Role;
}

/** "acme.test, Acme.fr\nexample.org" → ["acme.fr", "acme.test", "example.org"]; null if one is not a domain. */
export function parseDomains(text: string): string[] | null {
  const parts = normaliseText(text).toLowerCase().split(/[\s,;]+/).filter(Boolean);
  const domains = parts.map((part) => part.replace(/^@/, ''));
  if (domains.some((domain) => normaliseEmail(`x@${domain}`) !== `x@${domain}`)) return null;
  return [...new Set(domains)].sort();
}

/** The issuer as it must appear in the provider's documents: https, or http on this machine. */
function checkIssuer(text: string): { ok: true; issuer: string } | { ok: false; code: 'invalid' | 'notHttps' } {
  const issuer = normaliseText(text);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { ok: false, code: 'invalid' };
  }
  if (url.search || url.hash || url.username || url.password) return { ok: false, code: 'invalid' };
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return { ok: true, issuer };
  return { ok: false, code: url.protocol === 'http:' ? 'notHttps' : 'invalid' };
}

/**
 * Checks what an admin typed for a connection, every field at once. `isNew`: a new connection
 * needs its client secret; an edit keeps the stored one when the field is left empty.
 */
export function checkConnectionForm(form: ConnectionForm, context: { isNew: boolean; teamIds: readonly string[] }): { ok: true; value: CheckedConnection } | { ok: false; problems: ConnectionProblem[] } {
  const problems: ConnectionProblem[] = [];
  const name = checkDisplayName(form.name, 100);
  if (!name.ok) problems.push({ field: 'name', code: name.problem });
  else if (!name.name) problems.push({ field: 'name', code: 'required' });
  const issuer = checkIssuer(form.issuer);
  if (!issuer.ok) problems.push({ field: 'issuer', code: issuer.code });
  const clientId = normaliseText(form.clientId);
  if (!clientId) problems.push({ field: 'clientId', code: 'required' });
  else if (clientId.length > 255 || hasUnsafeCharacters(clientId)) problems.push({ field: 'clientId', code: 'invalid' });
  // Secrets are taken as typed, spaces included: only what cannot be a secret is refused.
  const secret = form.clientSecret;
  if (!secret && context.isNew) problems.push({ field: 'clientSecret', code: 'required' });
  else if (secret.length > 1000 || hasUnsafeCharacters(secret)) problems.push({ field: 'clientSecret', code: 'invalid' });
  const scopes = normaliseText(form.scopes || DEFAULT_SCOPES).split(/\s+/).filter(Boolean);
  if (scopes.some((scope) => !SCOPE.test(scope)) || scopes.length > 20) problems.push({ field: 'scopes', code: 'invalid' });
  else if (!scopes.includes('openid')) problems.push({ field: 'scopes', code: 'openidMissing' });
  const domains = parseDomains(form.domains);
  if (domains === null) problems.push({ field: 'domains', code: 'invalid' });
  else if (domains.length === 0) problems.push({ field: 'domains', code: 'required' });
  else if (domains.length > MAX_DOMAINS) problems.push({ field: 'domains', code: 'tooMany' });
  const mode = z.enum(ssoModes).safeParse(form.mode);
  if (!mode.success) problems.push({ field: 'mode', code: 'invalid' });
  const role = z.enum(companyRoles).safeParse(form.defaultRole);
  if (!role.success) problems.push({ field: 'defaultRole', code: 'invalid' });
  const teamId = form.defaultTeamId || null;
  if (teamId && !context.teamIds.includes(teamId)) problems.push({ field: 'defaultTeamId', code: 'invalid' });
  if (problems.length > 0 || !name.ok || !issuer.ok || !domains || !mode.success || !role.success) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name.name,
      issuer: issuer.issuer,
      clientId,
      clientSecret: secret || null,
      scopes: [...new Set(scopes)].join(' '),
      domains,
      mode: mode.data,
      createAccounts: form.createAccounts === 'on',
      defaultTeamId: teamId,
      defaultRole: role.data,
    },
  };
}
