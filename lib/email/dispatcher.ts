import 'server-only';
import { open } from '@/lib/crypto';
import { getDbHandle } from '@/lib/db/client';
import { claimDueEmails, markEmailFailed, markEmailSent, scheduleEmailRetry, type ClaimedEmail } from '@/lib/db/outbox';
import { env } from '@/lib/env';
import { retryDelaySeconds } from '@/lib/jobs/backoff';
import { logger } from '@/lib/observability/logger';
import { countedJob, emailsFailed, emailsSent } from '@/lib/observability/metrics';
import { handleQueuedRequests } from '@/lib/recovery/request-email';
import { OUTBOX_CHANNEL, SECRETS_PURPOSE } from './outbox';
import { renderEmail } from './render';
import { isEmailTemplateName } from './templates';
import { transportFor } from './transports';
import type { DeliveryResult, Transport } from './transports/types';

export { retryDelaySeconds };
export const MAX_ATTEMPTS = 5;
const BATCH_SIZE = 20;
const NOTIFY_DELAY_MS = 250;

async function attemptDelivery(email: ClaimedEmail, transport: Transport): Promise<DeliveryResult> {
  try {
    if (!isEmailTemplateName(email.template)) return { ok: false, error: `unknown template "${email.template}"` };
    const secrets = email.sealedSecrets ? open(email.sealedSecrets, env().AUTH_SECRET, SECRETS_PURPOSE) : undefined;
    const rendered = await renderEmail({
      template: email.template,
      locale: email.locale,
      recipient: email.recipient,
      props: email.props,
      secrets,
    });
    return await transport.deliver({ id: email.id, to: email.recipient, locale: email.locale, template: email.template, ...rendered });
  } catch (error) {
    return { ok: false, error: `could not render: ${error instanceof Error ? error.message : 'unknown error'}`.slice(0, 500) };
  }
}

/** One pass: claims due emails and tries each once. Returns how many were claimed. */
export async function dispatchDueEmails(transport: Transport = transportFor(env())): Promise<number> {
  const config = env();
  const leaseSeconds = Math.ceil(config.EMAIL_SEND_TIMEOUT_MS / 1000) + 60;
  const claimed = await claimDueEmails(BATCH_SIZE, leaseSeconds);
  for (const email of claimed) {
    const result = await attemptDelivery(email, transport);
    if (result.ok) {
      await markEmailSent(email.id, result.providerMessageId);
      emailsSent.inc({ template: email.template });
    } else if (email.attempts >= MAX_ATTEMPTS) {
      await markEmailFailed(email.id, result.error);
      emailsFailed.inc({ template: email.template, final: 'true' });
      logger.error({ emailId: email.id, template: email.template, attempts: email.attempts, reason: result.error }, 'gave up on an email');
    } else {
      await scheduleEmailRetry(email.id, result.error, retryDelaySeconds(email.attempts, config.EMAIL_RETRY_BASE_SECONDS));
      emailsFailed.inc({ template: email.template, final: 'false' });
      logger.warn({ emailId: email.id, template: email.template, attempts: email.attempts, reason: result.error }, 'an email was not sent; it will be tried again');
    }
  }
  return claimed.length;
}

export interface Dispatcher {
  wake(): void;
  /** Ends the pass under way (its claimed emails marked sent or due again) and starts no other. */
  stop(): Promise<void>;
}

/**
 * Keeps the outbox moving: woken by NOTIFY when a transaction that queued email (or a request
 * for one) commits, and on an interval for retries and for anything a missed notification left
 * behind. Each pass first turns queued "email me a link" requests into emails, then sends. One
 * pass at a time per process; several processes share the work through SKIP LOCKED.
 */
export async function startDispatcher(): Promise<Dispatcher> {
  const config = env();
  const transport = transportFor(config);
  let running = false;
  let again = false;
  let stopped = false;

  const pass = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if ((await countedJob('recovery_requests', () => handleQueuedRequests(BATCH_SIZE), (count) => count)) === BATCH_SIZE) again = true;
        if ((await countedJob('outbox', () => dispatchDueEmails(transport), (count) => count)) === BATCH_SIZE) again = true;
      } while (again && !stopped);
    } catch (error) {
      // The database may be restarting: the next tick tries again.
      logger.error({ err: error }, 'email dispatch pass failed; the next one tries again');
    } finally {
      running = false;
    }
  };
  const wake = () => void pass();

  const timer = setInterval(wake, config.EMAIL_POLL_SECONDS * 1000);
  timer.unref();
  // A notification arrives while the request that queued the work is still being answered in
  // this very process: waiting a moment keeps the account lookup and the email rendering out
  // of that answer's time, so it does not differ between real and unknown accounts.
  const wakeSoon = () => void setTimeout(wake, NOTIFY_DELAY_MS * (1 + Math.random())).unref();
  const unlisten = await getDbHandle().listen(OUTBOX_CHANNEL, wakeSoon);
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
