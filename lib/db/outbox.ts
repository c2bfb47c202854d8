import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { countRows, EXACT_COUNT_LIMIT, rowsOf } from './row-count';
import { devMailbox, emailOutbox, type Locale } from './schema';

export interface NewOutboxEmail {
  userId: string | null;
  recipient: string;
  locale: Locale;
  template: string;
  props: Record<string, unknown>;
  sealedSecrets: string | null;
}

export async function insertOutboxEmail(values: NewOutboxEmail, executor: Executor): Promise<string> {
  const [row] = await executor.insert(emailOutbox).values(values).returning({ id: emailOutbox.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** How many emails of this template were queued for the account in the last `windowMinutes`. */
export async function countRecentEmails(userId: string, template: string, windowMinutes: number, executor: Executor): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.userId, userId),
        eq(emailOutbox.template, template),
        sql`${emailOutbox.createdAt} > now() - make_interval(mins => ${windowMinutes})`,
      ),
    );
  return row?.count ?? 0;
}

/** The email a delivery job is for, while it is still to be sent. */
export async function findPendingEmail(id: string, executor: Executor = db()) {
  const [row] = await executor
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
  return row;
}

export type PendingEmail = NonNullable<Awaited<ReturnType<typeof findPendingEmail>>>;

export async function markEmailSent(id: string, attempts: number, providerMessageId: string | null, executor: Executor = db()) {
  await executor
    .update(emailOutbox)
    .set({ status: 'sent', attempts, sentAt: sql`now()`, providerMessageId, sealedSecrets: null, lastError: null })
    .where(eq(emailOutbox.id, id));
}

/** A try that failed, counted and explained for admins; its delivery job decides when the next comes. */
export async function recordFailedTry(id: string, attempts: number, error: string, executor: Executor = db()) {
  await executor.update(emailOutbox).set({ attempts, lastError: error }).where(eq(emailOutbox.id, id));
}

/**
 * Gives up on an email: its secrets are erased — a link or code nobody received must not wait
 * at rest for someone to resend it — and the error stays for admins to see.
 */
export async function markEmailFailed(id: string, error: string, executor: Executor = db()) {
  await executor
    .update(emailOutbox)
    .set({ status: 'failed', lastError: error, sealedSecrets: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
}

export async function storeInMailbox(
  message: { id: string; recipient: string; locale: Locale; template: string; subject: string; html: string; text: string },
  executor: Executor = db(),
) {
  await executor.insert(devMailbox).values(message).onConflictDoNothing();
}

export async function listMailbox(limit = 100, executor: Executor = db()) {
  return executor
    .select({
      id: devMailbox.id,
      recipient: devMailbox.recipient,
      locale: devMailbox.locale,
      subject: devMailbox.subject,
      receivedAt: devMailbox.receivedAt,
    })
    .from(devMailbox)
    .orderBy(desc(devMailbox.receivedAt))
    .limit(limit);
}

export async function findMailboxMessage(id: string, executor: Executor = db()) {
  const [row] = await executor.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row;
}

export interface FailedEmailsPage {
  /** The page of emails older than this one, or */
  after?: string;
  /** the page of those newer than it; neither: the newest. */
  before?: string;
  pageSize: number;
}

/**
 * The emails whose delivery was given up on, newest first, with how many there are. Pages are cut
 * at an email (keyset on its creation time and id, which never change, so an email's id is
 * its place, even once it is retried): a failure recorded meanwhile never shifts a page.
 */
export async function listFailedEmails(page: FailedEmailsPage, executor: Executor = db()) {
  const failed = eq(emailOutbox.status, 'failed');
  const place = (id: string) => sql`((select ${emailOutbox.createdAt} from ${emailOutbox} where ${emailOutbox.id} = ${id}), ${id}::uuid)`;
  const older = page.before === undefined;
  const cursor = page.before ?? page.after;
  const select = () =>
    executor
      .select({
        id: emailOutbox.id,
        userId: emailOutbox.userId,
        recipient: emailOutbox.recipient,
        template: emailOutbox.template,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
        hasSecrets: sql<boolean>`${emailOutbox.sealedSecrets} is not null`,
      })
      .from(emailOutbox)
      .where(and(failed, cursor ? sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) ${sql.raw(older ? '<' : '>')} ${place(cursor)}` : undefined))
      .orderBy(...(older ? [desc(emailOutbox.createdAt), desc(emailOutbox.id)] : [asc(emailOutbox.createdAt), asc(emailOutbox.id)]))
      .limit(page.pageSize + 1);
  const [fetched, count] = await Promise.all([select(), countRows(emailOutbox, failed, EXACT_COUNT_LIMIT, executor)]);
  const more = fetched.length > page.pageSize;
  const shown = fetched.slice(0, page.pageSize);
  if (!older) {
    // Back at the newest with a short page: the newest page, full.
    if (shown.length < page.pageSize) return listFailedEmails({ pageSize: page.pageSize }, executor);
    const rows = shown.reverse();
    return { rows, count, previous: more ? rows[0]!.id : null, next: rows.at(-1)!.id };
  }
  return { rows: shown, count, previous: page.after ? (shown[0]?.id ?? page.after) : null, next: more ? shown.at(-1)!.id : null };
}

/** One failed email, if it is still failed. */
export async function findFailedEmail(id: string, executor: Executor = db()) {
  const [row] = await executor
    .select({
      id: emailOutbox.id,
      userId: emailOutbox.userId,
      template: emailOutbox.template,
      hasSecrets: sql<boolean>`${emailOutbox.sealedSecrets} is not null`,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'failed')));
  return row;
}

/**
 * Puts a failed email back to pending with a fresh count of tries (its caller queues its
 * delivery again). Conditional on it still being failed, so two admins retrying at once
 * requeue it once; false when it was not.
 */
export async function requeueFailedEmail(id: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor
    .update(emailOutbox)
    .set({ status: 'pending', attempts: 0, lastError: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'failed')))
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

/** Emails waiting to go out, and how long the oldest has waited (seconds; 0 when none). */
export async function outboxBacklog(executor: Executor = db()): Promise<{ pending: number; oldestSeconds: number }> {
  const [row] = await executor
    .select({
      pending: sql<number>`count(*)::int`,
      oldestSeconds: sql<number>`coalesce(extract(epoch from now() - min(${emailOutbox.createdAt})), 0)::float8`,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'pending'));
  return { pending: row?.pending ?? 0, oldestSeconds: row?.oldestSeconds ?? 0 };
}

/** Sent emails keep their recipient and wording this long (for support questions), then lose them. */
export const SENT_EMAIL_DAYS = 30;
const SCRUB_BATCH = 2_000;

/**
 * Erases the recipient, the wording's values (names, addresses) and any error of the emails
 * sent more than SENT_EMAIL_DAYS ago, a batch per transaction, each after the last one's last
 * email (the index entries of those scrubbed stay until vacuum, and are not walked again). The
 * row stays, with its template, account and dates: the hourly email limits count rows, and
 * nothing in it names anyone.
 */
export async function scrubSentEmails(executor: Executor = db()) {
  let after: { at: string; id: string } | null = null;
  let scrubbed = 0;
  for (;;) {
    const [batch]: Array<{ scrubbed: number; lastAt: string | null; lastId: string | null }> = await rowsOf(
      sql`with batch as (
          select ${emailOutbox.id} as id, ${emailOutbox.sentAt} as at from ${emailOutbox}
          where ${emailOutbox.status} = 'sent' and ${emailOutbox.recipient} <> ''
            and ${emailOutbox.sentAt} < now() - make_interval(days => ${SENT_EMAIL_DAYS})
            ${after ? sql`and (${emailOutbox.sentAt}, ${emailOutbox.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by ${emailOutbox.sentAt}, ${emailOutbox.id} limit ${SCRUB_BATCH}
        ), done as (
          update ${emailOutbox} set recipient = '', props = '{}'::jsonb, last_error = null
          where ${emailOutbox.id} in (select id from batch) returning 1
        ), last as (select at::text as at, id from batch order by at desc, id desc limit 1)
        select (select count(*)::int from done) as "scrubbed", (select at from last) as "lastAt", (select id from last) as "lastId"`,
      executor,
    );
    scrubbed += Number(batch?.scrubbed ?? 0);
    if (!batch?.lastAt || !batch.lastId) return scrubbed;
    after = { at: batch.lastAt, id: batch.lastId };
  }
}
