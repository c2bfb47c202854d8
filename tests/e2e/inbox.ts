import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import type { FakeDelivery } from '../helpers/fake-resend';
import type { E2eTarget } from './fixtures';

export interface ReceivedEmail {
  subject: string;
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name: string) => entities[name]!);

// Every sign-in from a new browser context sends a "new sign-in" notice, whenever the outbox
// gets to it; tests read those apart, so that counting the other emails stays exact.
const newSignInSubjects = new Set([en, fr].map((messages) => messages.Emails.newSignIn.subject.replace('{siteName}', 'Sésame')));
export type Mail = 'notices of new sign-ins' | 'the rest';

/**
 * The emails a target delivered to one address, oldest first: from the fake Resend API on
 * PostgreSQL, from the development mailbox on the embedded database.
 */
async function deliveredTo(target: E2eTarget, recipient: string, mail: Mail): Promise<Array<() => Promise<ReceivedEmail>>> {
  const wanted = (subject: string) => newSignInSubjects.has(subject) === (mail === 'notices of new sign-ins');
  return (await everythingDeliveredTo(target, recipient)).filter((email) => wanted(email.subject)).map((email) => email.read);
}

async function everythingDeliveredTo(target: E2eTarget, recipient: string): Promise<Array<{ subject: string; read: () => Promise<ReceivedEmail> }>> {
  if (target.resendUrl) {
    const deliveries = (await (await fetch(`${target.resendUrl}/_fake/deliveries`)).json()) as FakeDelivery[];
    return deliveries
      .filter((delivery) => delivery.to === recipient || (Array.isArray(delivery.to) && delivery.to.includes(recipient)))
      .map((delivery) => ({ subject: delivery.subject, read: async () => ({ subject: delivery.subject, text: delivery.text }) }));
  }
  const list = await (await fetch(`${target.baseURL}/en/dev/mailbox`)).text();
  const rows = [...list.matchAll(/<td>([^<]+)<\/td><td><a href="\/en\/dev\/mailbox\/([0-9a-f-]{36})">([^<]*)<\/a>/g)];
  return rows
    .filter((row) => decode(row[1]!) === recipient)
    .reverse()
    .map((row) => ({
      subject: decode(row[3]!),
      read: async () => {
        const page = await (await fetch(`${target.baseURL}/en/dev/mailbox/${row[2]}`)).text();
        const text = /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
        return { subject: decode(row[3]!), text: decode(text) };
      },
    }));
}

export async function countEmailsTo(target: E2eTarget, recipient: string, mail: Mail = 'the rest'): Promise<number> {
  return (await deliveredTo(target, recipient, mail)).length;
}

/** Waits for the email that arrives after the first `seen` ones, and reads it. */
export async function nextEmailTo(target: E2eTarget, recipient: string, seen: number, mail: Mail = 'the rest'): Promise<ReceivedEmail> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const emails = await deliveredTo(target, recipient, mail);
    if (emails.length > seen) return emails[seen]!();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no new email for ${recipient} within 20 s`);
}

export function linkIn(email: ReceivedEmail, path: string): string {
  const match = new RegExp(`https?://[^\\s\\]]+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`).exec(email.text);
  if (!match) throw new Error(`no ${path} link in:\n${email.text}`);
  return match[0];
}

export function codeIn(email: ReceivedEmail): string {
  const match = /^\s*(\d{6})\s*$/m.exec(email.text);
  if (!match?.[1]) throw new Error(`no code in:\n${email.text}`);
  return match[1];
}
