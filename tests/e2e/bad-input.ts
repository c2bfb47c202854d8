import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';

/**
 * Every page route of the site, as the path after the language (`/admin/users/[id]`): route
 * route groups (a folder in parentheses) take no part in the address.
 */
export function pageRoutes(appRoot: string): string[] {
  const folder = path.join(appRoot, 'app', '[locale]');
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'page.tsx')
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== '.' && !/^\(.*\)$/.test(segment));
      return `/${segments.join('/')}`.replace(/\/$/, '') || '/';
    })
    .sort();
}

/** One part of a multipart body: text, raw bytes (not necessarily UTF-8), or a file. */
export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
}

/** A multipart/form-data body written by hand, so a part can carry bytes no browser would send. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----bad-input-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.filename === undefined ? '' : `; filename="${part.filename}"\r\nContent-Type: application/octet-stream`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n\r\n`));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : part.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", nbsp: '\u00a0' };
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (_, name: string) => entities[name]!);
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, '')).trim();

/** The error lines a page shows: forms' own lines, fields' lists and the error boundary's card. */
export function shownErrors(html: string): string[] {
  const lines = [
    ...[...html.matchAll(/<p [^>]*class="error"[^>]*>([\s\S]*?)<\/p>/g)].map((match) => match[1]!),
    ...[...html.matchAll(/<ul class="error field-errors">([\s\S]*?)<\/ul>/g)].flatMap((match) =>
      [...match[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => item[1]!),
    ),
    ...[...html.matchAll(/<section [^>]*role="alert"[^>]*>([\s\S]*?)<\/section>/g)].map((match) => match[1]!),
  ];
  return lines.map(textOf).filter((line) => line !== '');
}

/** A catalogue value as a pattern: each ICU argument, however nested, stands for any text. */
function pattern(value: string): RegExp {
  let source = '';
  let depth = 0;
  for (const character of value) {
    if (character === '{') {
      if (depth === 0) source += '[\\s\\S]+?';
      depth += 1;
    } else if (character === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) source += character.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source.replace(/<\/?[a-zA-Z]+>/g, '')}$`);
}

function catalogue(messages: unknown): RegExp[] {
  const values: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') values.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(messages);
  return values.map(pattern);
}

const catalogues = { en: catalogue(en), fr: catalogue(fr) };

/** Whether a line of text is one of the catalogue's messages in that language. */
export function inCatalogue(locale: 'en' | 'fr', line: string): boolean {
  return catalogues[locale].some((value) => value.test(line));
}

/**
 * The rows of these accounts a bad post must leave alone, on PostgreSQL: the accounts, their
 * sessions, tokens, keys, recovery codes and emails, and the words editors change. Columns
 * that move on every visit (when a session was last seen, when a row was touched) are left
 * out, and other accounts too: other test files' emails and tokens may still be on their way.
 */
export async function rowSnapshot(sql: postgres.Sql, accounts: string[]): Promise<string> {
  const tables = await Promise.all([
    sql`select id, email, username, phone, name, locale, role, team_id, state, password_hash, must_change_password,
               password_expires_at, security_question, security_answer_hash, totp_secret_encrypted,
               totp_pending_secret_encrypted, totp_enabled_at, email_otp_enabled, activated_at, deactivated_at
        from users where id = any(${accounts}) order by id`,
    sql`select user_id, count(*)::int as sessions from sessions where user_id = any(${accounts}) group by user_id order by user_id`,
    sql`select id, user_id, purpose, used_at, revoked_at, question_passed_at, new_email from account_tokens where user_id = any(${accounts}) order by id`,
    sql`select id, user_id, name, revoked_at from access_keys where user_id = any(${accounts}) order by id`,
    sql`select id, user_id, used_at from recovery_codes where user_id = any(${accounts}) order by id`,
    sql`select count(*)::int as emails from email_outbox where user_id = any(${accounts})`,
    sql`select id, name from teams order by id`,
    sql`select locale, key, published, draft from translation_overrides order by locale, key`,
  ]);
  return JSON.stringify(tables);
}

/** The ids of the accounts with these addresses. */
export async function accountIds(sql: postgres.Sql, emails: string[]): Promise<string[]> {
  const rows = await sql<Array<{ id: string }>>`select id from users where email = any(${emails})`;
  return rows.map((row) => row.id);
}

/** The id of the audit log's last event (0 when empty). */
export async function lastAuditEvent(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<Array<{ id: string | null }>>`select max(id)::text as id from audit_events`;
  return Number(row?.id ?? 0);
}

/** The audit events about these accounts, by them or on them, written since `after` (an event id). */
export async function auditSince(sql: postgres.Sql, after: number, accounts: string[]): Promise<string[]> {
  const rows = await sql<Array<{ event: string }>>`
    select event from audit_events
    where id > ${after} and (actor_user_id = any(${accounts}) or target_user_id = any(${accounts}))
    order by id`;
  return rows.map((row) => row.event);
}
