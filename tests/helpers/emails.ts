import { eq } from 'drizzle-orm';
import { open } from '@/lib/crypto';
import { db } from '@/lib/db/client';
import { emailOutbox } from '@/lib/db/schema';
import { SECRETS_PURPOSE } from '@/lib/email/outbox';
import { env } from '@/lib/env';

/** Every email queued for an address, oldest first, with the link token and code it carries. */
export async function emailsTo(recipient: string) {
  const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.recipient, recipient)).orderBy(emailOutbox.createdAt);
  return rows.map((row) => ({
    template: row.template,
    locale: row.locale,
    props: row.props,
    secrets: row.sealedSecrets ? open<{ token?: string; code?: string }>(row.sealedSecrets, env().AUTH_SECRET, SECRETS_PURPOSE) : {},
  }));
}

export async function latestEmailTo(recipient: string) {
  return (await emailsTo(recipient)).at(-1);
}
