import 'server-only';
import { sql } from 'drizzle-orm';
import { seal } from '@/lib/crypto';
import type { Executor } from '@/lib/db/client';
import { insertOutboxEmail } from '@/lib/db/outbox';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { emailsQueued } from '@/lib/observability/metrics';
import type { EmailProps, EmailSecrets, EmailTemplateName } from './templates';

export const OUTBOX_CHANNEL = 'sesame_outbox';
export const SECRETS_PURPOSE = 'email-outbox-secrets';

export interface QueuedEmail<Name extends EmailTemplateName> {
  template: Name;
  to: string;
  locale: AppLocale;
  userId?: string | null;
  props: EmailProps<Name>;
  secrets?: EmailSecrets<Name>;
}

/**
 * Sending an email = writing it to the outbox inside the caller's transaction. Nothing is sent
 * here: if the transaction rolls back, the email never existed; once it commits, the NOTIFY
 * wakes the dispatchers (delivered by PostgreSQL only at commit).
 */
export async function queueEmail<Name extends EmailTemplateName>(tx: Executor, email: QueuedEmail<Name>): Promise<string> {
  const secrets = email.secrets && Object.keys(email.secrets).length > 0 ? email.secrets : null;
  const id = await insertOutboxEmail(
    {
      userId: email.userId ?? null,
      recipient: email.to,
      locale: email.locale,
      template: email.template,
      props: email.props as Record<string, unknown>,
      sealedSecrets: secrets ? seal(secrets, env().AUTH_SECRET, SECRETS_PURPOSE) : null,
    },
    tx,
  );
  await wakeDispatchers(tx);
  // Counted when written: a transaction that then rolls back leaves this count one too high.
  emailsQueued.inc({ template: email.template });
  return id;
}

/** Wakes every dispatcher when the caller's transaction commits (PostgreSQL holds NOTIFY until then). */
export async function wakeDispatchers(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
