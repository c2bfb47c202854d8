import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '@/lib/crypto';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { e2eAccounts } from './fixtures';
import { flowTargets } from './targets';

// What a person waits for on a phone, and what a reset wave multiplies: the HTML of each public
// page, in bytes as sent (before compression). The sign-in page is the one everyone opens.
const SIGN_IN_LIMIT = 20_000;
const PUBLIC_LIMIT = 25_000;

const locales = ['en', 'fr'] as const;
const messages = { en, fr };
type Locale = (typeof locales)[number];

/** Links of the pages reached from an email, made as the site makes them (the token stored hashed). */
const links = { question: '', reset: '', magic: '', activation: '' };

const target = flowTargets().find((candidate) => candidate.databaseUrl);

async function makeLinks(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const token = async (email: string, purpose: string) => {
      const value = randomToken();
      await sql`
        insert into account_tokens (user_id, purpose, token_hash, locale, expires_at)
        select id, ${purpose}, ${sha256(value)}, locale, now() + interval '1 day' from users where email = ${email}`;
      return value;
    };
    // The reset of an account with a security question opens on the question; only its presence counts.
    await sql`update users set security_question = 'firstStreet', security_answer_hash = 'weighed, never answered'
      where email = ${e2eAccounts.weighedQuestion.email}`;
    links.question = `/reset-password?token=${await token(e2eAccounts.weighedQuestion.email, 'password_reset')}`;
    links.reset = `/reset-password?token=${await token(e2eAccounts.weighedReset.email, 'password_reset')}`;
    links.magic = `/magic-link/confirm?token=${await token(e2eAccounts.weighedReset.email, 'magic_link')}`;
    links.activation = `/activate?token=${await token(e2eAccounts.weighedPending.email, 'activation')}`;
  } finally {
    await sql.end();
  }
}

/** Each public page, with the heading that proves it is the page meant and not an error. */
const pages: Array<{ name: string; path: () => string; heading: (t: typeof en) => string; limit: number }> = [
  { name: 'sign-in', path: () => '/login', heading: (t) => t.Login.title, limit: SIGN_IN_LIMIT },
  { name: 'forgot password', path: () => '/forgot-password', heading: (t) => t.ForgotPassword.title, limit: PUBLIC_LIMIT },
  { name: 'reset code', path: () => '/reset-password/code?sent=1', heading: (t) => t.ForgotPassword.codeTitle, limit: PUBLIC_LIMIT },
  { name: 'access code', path: () => '/forgot-password/access-code', heading: (t) => t.ForgotPassword.accessCodeTitle, limit: PUBLIC_LIMIT },
  { name: 'security question', path: () => links.question, heading: (t) => t.ResetPassword.questionTitle, limit: PUBLIC_LIMIT },
  { name: 'new password', path: () => links.reset, heading: (t) => t.ResetPassword.title, limit: PUBLIC_LIMIT },
  { name: 'one-time link', path: () => '/magic-link', heading: (t) => t.MagicLink.title, limit: PUBLIC_LIMIT },
  { name: 'one-time code', path: () => '/magic-link/code?sent=1', heading: (t) => t.MagicLink.codeTitle, limit: PUBLIC_LIMIT },
  { name: 'one-time link confirmation', path: () => links.magic, heading: (t) => t.MagicLink.confirmTitle, limit: PUBLIC_LIMIT },
  { name: 'new activation link', path: () => '/activate', heading: (t) => t.Activate.resendTitle, limit: PUBLIC_LIMIT },
  { name: 'activation', path: () => links.activation, heading: (t) => t.Activate.title, limit: PUBLIC_LIMIT },
  { name: 'can’t sign in', path: () => '/help/cant-sign-in', heading: (t) => t.CantSignIn.title, limit: PUBLIC_LIMIT },
];

describe.skipIf(!target)('the weight of each public page', () => {
  beforeAll(() => makeLinks(target!.databaseUrl!));
  const sizes: string[] = [];
  afterAll(() => console.log(`HTML bytes per page:\n${sizes.join('\n')}`));

  describe.each(locales)('in %s', (locale: Locale) => {
    it.each(pages)('$name stays within its limit', async ({ name, path, heading, limit }) => {
      // A first visit from a phone in that language: no cookie, the browser's own languages.
      const answer = await fetch(`${target!.baseURL}/${locale}${path()}`, { headers: { 'accept-language': locale === 'fr' ? 'fr-FR,fr;q=0.9' : 'en-US,en;q=0.9' } });
      expect(answer.status).toBe(200);
      const html = await answer.text();
      expect(html).toContain(`<h1>${escapeText(heading(messages[locale]))}</h1>`);
      const bytes = Buffer.byteLength(html);
      sizes.push(`${locale} ${name}: ${bytes}`);
      expect(bytes, `${locale} ${name}`).toBeLessThanOrEqual(limit);
    });
  });
});

/** As React writes text: the characters HTML would read as markup, escaped. */
function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#x27;').replaceAll('"', '&quot;');
}
